import { useEffect, useState } from 'preact/hooks';
import { isApiError, login } from '../api.ts';
import { navigate } from '../router.ts';
import { getSession, startSession } from '../session.ts';

// `/login#code=XXXX`: trades the one-time code for a session, then opens the approvals.
// The code sits in the fragment so it never reaches a server log; it is wiped from the
// address bar before anything else happens.
export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const code = new URLSearchParams(location.hash.slice(1)).get('code');
    history.replaceState(null, '', '/login');
    if (!code) {
      if (getSession()) navigate('/approvals', { replace: true });
      else setMissing(true);
      return;
    }
    login(code).then(
      (result) => {
        startSession({ token: result.token, user: result.user, expiresAt: result.expiresAt ?? null });
        navigate('/approvals', { replace: true });
      },
      (err: unknown) => {
        // A malformed code (400) usually means the link was cut short when it was copied.
        if (isApiError(err) && err.status === 400) setError('The code in this link is not complete or not valid; it may have been cut off when it was copied.');
        else if (isApiError(err) && err.status === 0) setError(err.message);
        else setError(isApiError(err) ? err.message : 'The sign-in failed.');
      },
    );
  }, []);

  return (
    <main class="signin" data-testid="login-page">
      <div class="signin-card">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          <span>adledger</span>
        </div>
        {error ? (
          <>
            <h1>This sign-in link did not work</h1>
            <p class="alert alert-error" role="alert" data-testid="login-error">
              {error}
            </p>
            <p>Sign-in links work once and expire. Ask an admin for a new one; they can run:</p>
            <pre class="command">npm run adledger -- users link &lt;userId&gt;</pre>
          </>
        ) : missing ? (
          <>
            <h1>Sign in to the console</h1>
            <p>This address needs the code from a sign-in link. Ask an admin for a link; they can run:</p>
            <pre class="command">npm run adledger -- users link &lt;userId&gt;</pre>
          </>
        ) : (
          <p role="status" class="state-loading">
            <span class="spinner" aria-hidden="true" /> Signing you in…
          </p>
        )}
      </div>
    </main>
  );
}

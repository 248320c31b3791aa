import type { SignOutReason } from '../session.ts';

// What everyone sees without a valid token: how to get in.
export function SignInScreen({ reason }: { readonly reason: SignOutReason }) {
  return (
    <main class="signin" data-testid="signin-screen">
      <div class="signin-card">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          <span>adledger</span>
        </div>
        <h1>Sign in to the console</h1>
        {reason === 'expired' ? (
          <p class="alert alert-warning" role="status">
            Your session has ended. Open a new sign-in link to continue.
          </p>
        ) : reason === 'revoked' ? (
          <p class="alert alert-warning" role="status" data-testid="signed-out-revoked">
            You have been signed out: an admin changed or revoked your access. Ask them for a new sign-in link.
          </p>
        ) : reason === 'signed_out' ? (
          <p class="alert alert-info" role="status">
            You have signed out.
          </p>
        ) : null}
        <p>The console opens from a one-time sign-in link. Ask an admin to make one for you; they can run:</p>
        <pre class="command">npm run adledger -- users link &lt;userId&gt;</pre>
        <p class="muted">
          The link looks like <code>http://host:port/login#code=…</code> and works once. When the server starts for the first time it prints a link
          for the first admin.
        </p>
      </div>
    </main>
  );
}

import type { ApiError } from '../api.ts';
import type { LaunchBlockReason } from '../types.ts';

// Block reasons, wherever the server put them: a blocked launch's events, or a list in details.
export function blockReasonsOf(error: ApiError): readonly LaunchBlockReason[] {
  const details = error.details as { events?: { type?: string; data?: { reasons?: LaunchBlockReason[] } }[]; reasons?: LaunchBlockReason[] } | null;
  if (!details || typeof details !== 'object') return [];
  if (Array.isArray(details.reasons)) return details.reasons;
  return details.events?.find((e) => e.type === 'launch.blocked')?.data?.reasons ?? [];
}

// The server's own sentence, plus the reasons it gave, in an alert the screen reader reads.
export function ErrorMessage({ error, testId = 'error-message' }: { readonly error: ApiError; readonly testId?: string }) {
  const reasons = blockReasonsOf(error);
  return (
    <div class="alert alert-error" role="alert" data-testid={testId} data-error-code={error.code}>
      <p>{error.message}</p>
      {reasons.length > 0 ? (
        <ul>
          {reasons.map((r) => (
            <li key={r.code + (r.platform ?? '')}>{r.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.ts';

export function Loading({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children, testId = 'empty' }: { readonly title: string; readonly children?: ComponentChildren; readonly testId?: string }) {
  return (
    <div class="state state-empty" data-testid={testId}>
      <p class="state-title">{title}</p>
      {children ? <div class="state-text">{children}</div> : null}
    </div>
  );
}

const titles: Record<number, string> = {
  0: 'Cannot reach the server',
  403: 'Not allowed',
  404: 'Not found',
  503: 'Not ready yet',
};

export function ErrorState({ error, onRetry }: { readonly error: ApiError; readonly onRetry?: () => void }) {
  return (
    <div class="state state-error" role="alert" data-testid="error-state" data-error-code={error.code}>
      <p class="state-title">{titles[error.status] ?? 'Something went wrong'}</p>
      <p class="state-text">{error.message}</p>
      {onRetry && error.status !== 404 && error.status !== 403 ? (
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

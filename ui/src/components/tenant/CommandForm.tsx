import type { ComponentChildren } from 'preact';
import { fieldErrors } from '../../fieldErrors.ts';
import { useCommand } from '../../useCommand.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type Props = {
  readonly title: string;
  readonly testId: string;
  readonly type: string; // the command
  readonly tenantId: string;
  // The command's data, or the client's own field errors when it is not valid yet.
  readonly data: Record<string, unknown> | { readonly invalid: Record<string, string> };
  readonly submitLabel: string;
  // Who may not send it, and why (the form is shown disabled, with the reason).
  readonly readOnly?: string | undefined;
  readonly children: (errorOf: (field: string) => string | undefined, disabled: boolean) => ComponentChildren;
  readonly onDone?: () => void;
};

// One tenant setting as a form: validated on the client like the server's schema, the server's
// 400 details next to their fields, disabled while sending, and read only (with why) for roles
// that may not send the command.
export function CommandForm({ title, testId, type, tenantId, data, submitLabel, readOnly, children, onDone }: Props) {
  const { run, busy, error } = useCommand();
  const invalid = 'invalid' in data ? (data.invalid as Record<string, string>) : undefined;
  const server = fieldErrors(error);
  const errorOf = (field: string) => server[field] ?? invalid?.[field];
  const unplaced = error && Object.keys(server).length === 0;
  const disabled = busy || readOnly !== undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (invalid && Object.keys(invalid).length > 0) return;
    if (disabled || invalid) return;
    const result = await run(type, tenantId, data as Record<string, unknown>);
    if (result) onDone?.();
  };
  const blocked = invalid !== undefined && Object.keys(invalid).length > 0;
  return (
    <form class="panel panel-inner stack" onSubmit={submit} data-testid={testId} aria-busy={busy}>
      <h3 class="panel-title">{title}</h3>
      <fieldset disabled={disabled} class="stack form-fieldset">
        {children(errorOf, disabled)}
      </fieldset>
      {unplaced ? <ErrorMessage error={error} testId={`${testId}-error`} /> : null}
      {readOnly ? (
        <p class="muted small" data-testid={`${testId}-readonly`}>{readOnly}</p>
      ) : (
        <div>
          <button type="submit" class="button button-primary" disabled={busy || blocked} data-testid={`${testId}-submit`}>
            {busy ? 'Sending…' : submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}

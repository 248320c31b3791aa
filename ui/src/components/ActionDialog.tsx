import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CommandResult } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

export type ActionText = {
  readonly label: string;
  readonly minLength: number; // 0: optional
  readonly placeholder?: string;
  readonly hint?: string;
};

type Props = {
  readonly title: string;
  readonly children?: ComponentChildren;
  readonly confirmLabel: string;
  readonly tone?: 'primary' | 'danger';
  readonly text?: ActionText;
  // The command this dialog sends, built from what was typed.
  readonly command: (text: string) => { type: string; tenantId: string; data: Record<string, unknown> };
  readonly onDone: (result: CommandResult) => void;
  readonly onClose: () => void;
};

// A confirmation that sends one command: optional or mandatory text (comment, reason), the
// confirm button disabled until the text is long enough, and the server's refusal shown in
// the dialog, which stays open so the user can read it, change their mind, or retry.
export function ActionDialog({ title, children, confirmLabel, tone = 'primary', text, command, onDone, onClose }: Props) {
  const [value, setValue] = useState('');
  const { run, busy, error } = useCommand();
  const trimmed = value.trim();
  const tooShort = text !== undefined && text.minLength > 0 && trimmed.length < text.minLength;

  const confirm = async (event?: Event) => {
    event?.preventDefault();
    if (tooShort || busy) return;
    const { type, tenantId, data } = command(trimmed);
    const result = await run(type, tenantId, data);
    if (result) onDone(result);
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="action-dialog"
      footer={
        <>
          <button type="button" class="button" onClick={onClose} data-testid="dialog-cancel">
            Cancel
          </button>
          <button
            type="submit"
            form="action-dialog-form"
            class={tone === 'danger' ? 'button button-danger' : 'button button-primary'}
            disabled={tooShort || busy}
            aria-busy={busy}
            data-testid="dialog-confirm"
          >
            {busy ? 'Sending…' : confirmLabel}
          </button>
        </>
      }
    >
      <form id="action-dialog-form" onSubmit={confirm} class="stack">
        {children}
        {text ? (
          <label class="field">
            <span class="field-label">
              {text.label}
              {text.minLength > 0 ? <span class="required"> (required)</span> : <span class="optional"> (optional)</span>}
            </span>
            <textarea
              rows={3}
              value={value}
              maxLength={2000}
              placeholder={text.placeholder}
              data-autofocus
              data-testid="dialog-text"
              aria-invalid={tooShort && value.length > 0}
              onInput={(e) => setValue((e.target as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void confirm();
              }}
            />
            {text.minLength > 0 ? (
              <span class="field-hint">{tooShort ? `At least ${text.minLength} characters.` : (text.hint ?? '')}</span>
            ) : text.hint ? (
              <span class="field-hint">{text.hint}</span>
            ) : null}
          </label>
        ) : null}
        {error ? <ErrorMessage error={error} testId="dialog-error" /> : null}
      </form>
    </Dialog>
  );
}

import type { ComponentChildren } from 'preact';

// A labelled form control with an optional hint or error under it.
export function Field({ label, hint, error, children, wide }: { readonly label: string; readonly hint?: ComponentChildren; readonly error?: string | undefined; readonly children: ComponentChildren; readonly wide?: boolean }) {
  return (
    <label class={wide ? 'field field-wide' : 'field'}>
      <span class="field-label">{label}</span>
      {children}
      {error ? (
        <span class="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span class="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}

import type { ComponentChildren } from 'preact';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

export function Badge({ tone = 'neutral', children, testId, title }: { readonly tone?: Tone; readonly children: ComponentChildren; readonly testId?: string; readonly title?: string }) {
  return (
    <span class={`badge badge-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}

import type { ComponentChildren } from 'preact';

export function PageHeader({ title, subtitle, actions, back }: { readonly title: ComponentChildren; readonly subtitle?: ComponentChildren; readonly actions?: ComponentChildren; readonly back?: ComponentChildren }) {
  return (
    <div class="page-header">
      <div>
        {back ? <div class="page-back">{back}</div> : null}
        <h1>{title}</h1>
        {subtitle ? <p class="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div class="page-actions">{actions}</div> : null}
    </div>
  );
}

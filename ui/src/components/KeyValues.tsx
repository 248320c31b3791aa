import type { ComponentChildren } from 'preact';

// A short list of labelled facts, two columns wide on a wide screen.
export function KeyValues({ items }: { readonly items: readonly (readonly [string, ComponentChildren])[] }) {
  return (
    <dl class="key-values">
      {items.map(([label, value]) => (
        <div class="key-value" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

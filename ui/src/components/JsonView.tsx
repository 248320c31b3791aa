import type { VNode } from 'preact';

// Pretty JSON with quiet colours: keys, strings, numbers, literals.
export function JsonView({ value, testId }: { readonly value: unknown; readonly testId?: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const parts: (string | VNode)[] = [];
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const cls = m[1] ? (m[2] ? 'json-key' : 'json-string') : m[3] ? 'json-literal' : 'json-number';
    parts.push(
      <span class={cls} key={m.index}>
        {m[1] ?? m[0]}
      </span>,
    );
    if (m[2]) parts.push(m[2]);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return (
    <pre class="json" data-testid={testId} tabIndex={0}>
      {parts}
    </pre>
  );
}

import { platformName } from '../format.ts';
import type { LaunchBlockReason } from '../types.ts';

export function BlockReasons({ reasons }: { readonly reasons: readonly LaunchBlockReason[] }) {
  return (
    <ul class="block-reasons" data-testid="block-reasons">
      {reasons.map((r) => (
        <li key={r.code + (r.platform ?? '')} data-code={r.code}>
          <span class="block-icon" aria-hidden="true">
            !
          </span>
          <span>
            {r.message}
            {r.platform ? <span class="muted"> · {platformName(r.platform)}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

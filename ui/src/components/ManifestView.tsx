import { formatMoney, platformName, words } from '../format.ts';
import type { LaunchDoc } from '../types.ts';

type Manifest = NonNullable<LaunchDoc['manifest']>;

// What the launch asked each platform for, in execution order.
export function ManifestView({ manifest }: { readonly manifest: Manifest }) {
  return (
    <div class="manifest" data-testid="launch-manifest">
      <p class="muted small">
        Total {formatMoney(manifest.budgetMicros, manifest.currency)} across {manifest.platforms.length} platform{manifest.platforms.length === 1 ? '' : 's'} · content{' '}
        <code title={manifest.contentHash}>{manifest.contentHash.slice(0, 12)}</code>
      </p>
      <div class="grid-2">
        {manifest.platforms.map((p, index) => (
          <section class="panel panel-inner" key={p.platform} data-testid="manifest-platform" data-platform={p.platform}>
            <div class="panel-head">
              <h3 class="panel-title">
                <span class="step" aria-label={`Step ${index + 1}`}>
                  {index + 1}
                </span>
                {platformName(p.platform)}
              </h3>
              <strong>{formatMoney(p.budgetMicros, manifest.currency)}</strong>
            </div>
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Objective</th>
                  <th scope="col" class="num">Budget</th>
                </tr>
              </thead>
              <tbody>
                {p.campaigns.map((c) => (
                  <tr key={c.logicalCampaignKey}>
                    <td>
                      <code class="campaign-name">{c.name}</code>
                      <div class="muted small">Line items: {c.lineItemIds.join(', ')}</div>
                    </td>
                    <td>{words(c.objective)}</td>
                    <td class="num">{formatMoney(c.budgetMicros, manifest.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}

import { formatDate, formatMoney, platformName, trackingName, words } from '../format.ts';
import { campaignStatus, pausedWhy } from '../launchView.ts';
import type { LaunchDoc } from '../types.ts';
import { CampaignStatusBadge } from './CampaignStatusBadge.tsx';

type Manifest = NonNullable<LaunchDoc['manifest']>;

// Each platform's campaigns with what the log says happened to them: status, platform id,
// tracking, attempts, the last failure and any drift the last success reported.
export function LaunchCampaigns({ doc, manifest }: { readonly doc: LaunchDoc; readonly manifest: Manifest }) {
  const x = doc.execution;
  const atomic = new Set((doc.details?.completedCampaigns ?? []).filter((c) => c.status === 'rolled_back').map((c) => c.logicalCampaignKey));
  return (
    <div class="stack" data-testid="launch-campaigns">
      {manifest.platforms.map((p) => (
        <section class="panel panel-inner" key={p.platform} data-testid="launch-platform" data-platform={p.platform}>
          <div class="panel-head">
            <h3 class="panel-title">{platformName(p.platform)}</h3>
            <strong>{formatMoney(p.budgetMicros, manifest.currency)}</strong>
          </div>
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Status</th>
                <th scope="col">On the platform</th>
              </tr>
            </thead>
            <tbody>
              {p.campaigns.map((m) => {
                const c = x?.campaigns[m.logicalCampaignKey];
                const d = doc.details?.campaigns[m.logicalCampaignKey];
                const status = c ? campaignStatus(c, atomic.has(m.logicalCampaignKey)) : 'pending';
                const detail = status === 'scheduled' && d?.startDate ? `starts ${formatDate(d.startDate)}` : c && (status === 'paused' || status === 'removed') ? pausedWhy(c) : undefined;
                return (
                  <tr key={m.logicalCampaignKey} data-testid="launch-campaign" data-key={m.logicalCampaignKey}>
                    <td>
                      <code class="campaign-name">{m.name}</code>
                      <div class="muted small">
                        {words(m.objective)} · {formatMoney(m.budgetMicros, manifest.currency)} · line items {m.lineItemIds.join(', ')}
                      </div>
                    </td>
                    <td>
                      <CampaignStatusBadge status={status} {...(detail ? { detail } : {})} />
                      {d && d.requests > 0 ? (
                        <div class="muted small" data-testid="campaign-attempts">
                          {d.requests} request{d.requests === 1 ? '' : 's'}
                          {d.lastRequest ? ` · last: ${d.lastRequest.action} for ${words(d.lastRequest.reason)}, attempt ${d.lastRequest.attempt}` : ''}
                        </div>
                      ) : null}
                      {c?.lastFailure ? (
                        <div class="small text-danger" data-testid="campaign-failure">
                          {c.lastFailure.code}: {c.lastFailure.message} ({c.lastFailure.final ? 'final' : c.lastFailure.retryable ? 'will retry' : 'not retryable'})
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {c?.platformCampaignId ? <code data-testid="campaign-platform-id">{c.platformCampaignId}</code> : <span class="muted">not created</span>}
                      {c?.trackingMode ? <div class="muted small">tracking: {trackingName(c.trackingMode)}</div> : null}
                      {d?.drift?.map((f) => (
                        <div class="small text-warning" key={f.field} data-testid="campaign-drift">
                          drift: {f.field} was {String(f.lastWritten)}, found {String(f.found)}
                        </div>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

import { tenantStream } from '../../../domain/streams.ts';
import { tenantDocId } from '../../../projections/definitions/ids.ts';
import { fetchTenant } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { FeedBadge, TrackingBadge } from '../components/HealthBadges.tsx';
import { KeyValues } from '../components/KeyValues.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { TenantForms } from '../components/tenant/TenantForms.tsx';
import { useLiveDoc } from '../data.ts';
import { formatMoney, formatNumber, platformName } from '../format.ts';
import type { TenantDoc } from '../types.ts';

const launchApproval = { always: 'Every launch', first_launch: 'First launch only', never: 'Never' } as const;

export function TenantDetailPage({ tenantId }: { readonly tenantId: string }) {
  const tenant = useLiveDoc<TenantDoc>({
    channel: 'tenants',
    collection: 'tenants',
    tenantId,
    id: tenantDocId(tenantId),
    load: () => fetchTenant(tenantId),
    deps: [tenantId],
  });
  const back = <Link href="/tenants">← Tenants</Link>;
  if (tenant.error) return <><PageHeader title={tenantId} back={back} /><ErrorState error={tenant.error} onRetry={tenant.reload} /></>;
  if (tenant.data === undefined) return <Loading label="Loading the tenant…" />;
  if (tenant.data === null) return <Empty title="This tenant no longer exists">{back}</Empty>;
  const t = tenant.data;
  const accounts = Object.entries(t.accounts);

  return (
    <>
      <PageHeader
        back={back}
        title={t.name}
        subtitle={
          <>
            <code>{t.id}</code> · {t.currency} · {t.timezone} · updated <RelativeTime iso={t.updatedAt} />
          </>
        }
        actions={
          <>
            <Link class="button" href={`/tenants/${encodeURIComponent(t.id)}/campaigns`} data-testid="tenant-campaigns-link">
              Campaigns
            </Link>
            <Link class="button" href={`/performance/${encodeURIComponent(t.id)}`} data-testid="tenant-performance-link">
              Performance
            </Link>
            <Link class="button" href={`/plans?tenant=${encodeURIComponent(t.id)}`}>
              Plans
            </Link>
            <Link class="button" href={`/audit?tenantId=${encodeURIComponent(t.id)}&stream=${encodeURIComponent(tenantStream(t.id))}`}>
              Audit trail
            </Link>
          </>
        }
      />
      <div class="grid-2">
        <section class="panel" aria-labelledby="accounts-title">
          <h2 id="accounts-title" class="panel-title">Linked platform accounts</h2>
          {accounts.length === 0 ? (
            <p class="muted">No platform account is linked yet; nothing can launch until the plan's platforms are.</p>
          ) : (
            <table class="table compact" data-testid="tenant-accounts">
              <thead>
                <tr>
                  <th scope="col">Platform</th>
                  <th scope="col">Account</th>
                  <th scope="col">Account id</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map(([platform, account]) => (
                  <tr key={platform}>
                    <td>{platformName(platform)}</td>
                    <td>{account?.accountName}</td>
                    <td>
                      <code>{account?.accountId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section class="panel" aria-labelledby="health-title">
          <h2 id="health-title" class="panel-title">Health</h2>
          <KeyValues
            items={[
              [
                'Tracking (GA4)',
                <>
                  <TrackingBadge status={t.tracking.status} />
                  {t.tracking.detail ? <div class="muted small">{t.tracking.detail}</div> : null}
                </>,
              ],
              [
                'Product feed',
                <>
                  <FeedBadge criticalErrors={t.feed.criticalErrors} warnings={t.feed.warnings} />
                  <div class="muted small">
                    {t.feed.criticalErrors} critical error{t.feed.criticalErrors === 1 ? '' : 's'}, {t.feed.warnings} warning{t.feed.warnings === 1 ? '' : 's'}
                  </div>
                </>,
              ],
            ]}
          />
          {t.tracking.status !== 'green' ? <p class="alert alert-warning">Launches are blocked until tracking is green.</p> : null}
        </section>

        <section class="panel" aria-labelledby="policy-title">
          <h2 id="policy-title" class="panel-title">Approval policy</h2>
          <KeyValues
            items={[
              ['Launch approval', launchApproval[t.policy.launchApproval]],
              ['Four eyes', t.policy.fourEyes ? <><Badge tone="info">Required</Badge><div class="muted small">The approver must differ from the submitter.</div></> : 'Not required'],
              ['Spend change threshold', `${formatNumber(t.policy.spendChangeThresholdPct, 0)} %`],
            ]}
          />
        </section>

        <section class="panel" aria-labelledby="guardrails-title">
          <h2 id="guardrails-title" class="panel-title">Guardrails</h2>
          {t.guardrails ? (
            <KeyValues
              items={[
                ['Max budget change per day', `${formatNumber(t.guardrails.maxBudgetChangePctPerDay, 0)} %`],
                ['Max bid change', `${formatNumber(t.guardrails.maxBidChangePct, 0)} %`],
                ['Hard daily cap', formatMoney(t.guardrails.hardDailyCapMicros, t.currency)],
              ]}
            />
          ) : (
            <p class="muted">Not set: no optimisation applies by itself; every proposal waits for a person.</p>
          )}
        </section>

        <section class="panel" aria-labelledby="kpi-title">
          <h2 id="kpi-title" class="panel-title">KPI targets</h2>
          {Object.keys(t.kpi).length === 0 ? (
            <p class="muted">No targets set.</p>
          ) : (
            <KeyValues
              items={[
                ['Target CPA', t.kpi.targetCpaMicros !== undefined ? formatMoney(t.kpi.targetCpaMicros, t.currency) : '—'],
                ['Target ROAS', t.kpi.targetRoas !== undefined ? `${formatNumber(t.kpi.targetRoas, 2)}×` : '—'],
                ['Target CTR', t.kpi.targetCtrPct !== undefined ? `${formatNumber(t.kpi.targetCtrPct, 2)} %` : '—'],
              ]}
            />
          )}
        </section>

        <section class="panel" aria-labelledby="consent-title">
          <h2 id="consent-title" class="panel-title">Consent and launches</h2>
          <KeyValues
            items={[
              ['Consent profile', t.consent.profile],
              ['Regions', t.consent.regions?.length ? t.consent.regions.join(', ') : '—'],
              [
                'Launches',
                t.launches.length === 0 ? (
                  'None yet'
                ) : (
                  <ul class="plain-list">
                    {t.launches.map((key) => {
                      const [planId, version] = key.split(':');
                      return (
                        <li key={key}>
                          <Link href={`/launches/${t.id}/${planId}/${version}`}>
                            {planId} v{version}
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                ),
              ],
            ]}
          />
        </section>
      </div>
      <TenantForms tenant={t} />
    </>
  );
}

import { useState } from 'preact/hooks';
import { fetchCampaigns, fetchLaunches } from '../api.ts';
import { Badge, type Tone } from '../components/Badge.tsx';
import { LaunchDialogs, type LaunchAction } from '../components/LaunchDialogs.tsx';
import { Link } from '../components/Link.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useLiveList } from '../data.ts';
import { formatDate, platformName, trackingName, words } from '../format.ts';
import { canLaunch } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { CampaignDoc, LaunchDoc } from '../types.ts';

const tones: Record<CampaignDoc['status'], Tone> = { created: 'info', live: 'success', scheduled: 'info', paused: 'warning', removed: 'neutral' };
const why: Record<string, string> = { rollback: 'rollback', supersede: 'superseded', atomic_rollback: 'atomic launch policy' };
type Chosen = { readonly action: LaunchAction; readonly planId: string; readonly version: number };

// What exists on each platform for one tenant, as the platforms confirmed it to the saga.
export function CampaignsPage({ tenantId }: { readonly tenantId: string }) {
  const user = useSession()?.user;
  const scope = useScope();
  const { tenantName } = scope;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const list = useLiveList<CampaignDoc>({ channel: 'launches', collection: 'campaigns', tenantId, load: (cursor) => fetchCampaigns(tenantId, cursor ? { cursor } : {}), accept: (d) => d.tenantId === tenantId, deps: [tenantId] });
  const launches = useLiveList<LaunchDoc>({ channel: 'launches', collection: 'launches', tenantId, load: (cursor) => fetchLaunches({ tenantId, ...(cursor ? { cursor } : {}) }), accept: (d) => d.tenantId === tenantId, deps: [tenantId] });
  const launchOf = (c: CampaignDoc) => launches.docs?.find((l) => l.planId === c.planId && l.version === c.version);
  const back = <Link href={`/tenants/${tenantId}`}>← {tenantName(tenantId)}</Link>;
  const docs = [...(list.docs ?? [])].sort((a, b) => a.platform.localeCompare(b.platform) || a.planId.localeCompare(b.planId) || b.version - a.version);

  return (
    <>
      <PageHeader back={back} title="Campaigns on the platforms" subtitle={`What exists for ${tenantName(tenantId)}, as each platform confirmed it`} />
      {list.error && !list.docs ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.docs ? (
        <Loading label="Loading campaigns…" />
      ) : docs.length === 0 ? (
        <Empty title="Nothing on any platform yet" testId="campaigns-empty">A campaign is listed once a platform confirmed it was created.</Empty>
      ) : (
        <div class="panel table-wrap">
          <table class="table" data-testid="campaign-table">
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Campaign</th>
                <th scope="col">Plan version</th>
                <th scope="col">Status</th>
                <th scope="col">Tracking</th>
                <th scope="col">Updated</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {docs.map((c) => {
                const l = launchOf(c);
                const mayRollback = canLaunch(user) && l?.status === 'requested';
                const mayResume = canLaunch(user) && l?.status === 'requested' && !!l.execution?.resumeOffered && !l.execution.resumeRequested;
                return (
                  <tr key={c.id} data-testid="campaign-row" data-id={c.id} data-plan={c.planId} data-version={c.version} data-status={c.status}>
                    <td>{platformName(c.platform)}</td>
                    <td>
                      <code class="campaign-name">{c.name}</code>
                      <div class="muted small">id <code data-testid="campaign-row-platform-id">{c.platformCampaignId}</code></div>
                    </td>
                    <td>
                      <Link href={`/launches/${tenantId}/${c.planId}/${c.version}`}>{c.planId} v{c.version}</Link>
                    </td>
                    <td>
                      <Badge tone={tones[c.status]} testId="campaign-row-status">
                        <span data-status={c.status}>
                          {words(c.status)}
                          {c.status === 'scheduled' && c.startDate ? ` · starts ${formatDate(c.startDate)}` : ''}
                          {(c.status === 'paused' || c.status === 'removed') && c.pausedFor ? ` · ${why[c.pausedFor] ?? words(c.pausedFor)}` : ''}
                        </span>
                      </Badge>
                    </td>
                    <td class="small">{c.trackingMode ? trackingName(c.trackingMode) : '—'}</td>
                    <td><RelativeTime iso={c.updatedAt} /></td>
                    <td class="actions">
                      {mayResume ? <button type="button" class="button button-small" onClick={() => setChosen({ action: 'resume', planId: c.planId, version: c.version })} data-testid="campaign-resume">Resume…</button> : null}
                      {mayRollback ? <button type="button" class="button button-danger button-small" onClick={() => setChosen({ action: 'rollback', planId: c.planId, version: c.version })} data-testid="campaign-rollback">Roll back…</button> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
      {chosen ? (
        <LaunchDialogs action={chosen.action} tenantId={tenantId} planId={chosen.planId} version={chosen.version} doc={launches.docs?.find((l) => l.planId === chosen.planId && l.version === chosen.version)} rollbackAction={scope.tenants?.find((t) => t.id === tenantId)?.execution.rollbackAction} onClose={() => setChosen(null)} />
      ) : null}
    </>
  );
}

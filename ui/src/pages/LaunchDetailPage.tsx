import { useState } from 'preact/hooks';
import { launchDocId, planDocId, tenantDocId } from '../../../projections/definitions/ids.ts';
import { launchStream } from '../../../domain/streams.ts';
import { ApiError, fetchLaunch, fetchPlan, fetchTenant } from '../api.ts';
import { BlockReasons } from '../components/BlockReasons.tsx';
import { ExecutionSummary } from '../components/ExecutionSummary.tsx';
import { KeyValues } from '../components/KeyValues.tsx';
import { LaunchCampaigns } from '../components/LaunchCampaigns.tsx';
import { LaunchDialogs, type LaunchAction } from '../components/LaunchDialogs.tsx';
import { Link } from '../components/Link.tsx';
import { ManifestView } from '../components/ManifestView.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { RollbackPanel } from '../components/RollbackPanel.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TouchpointForm } from '../components/TouchpointForm.tsx';
import { useLiveDoc } from '../data.ts';
import { formatDateTime } from '../format.ts';
import { canApprove, canLaunch, isAgency } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { LaunchDoc, PlanDoc, TenantDoc } from '../types.ts';

export function LaunchDetailPage({ tenantId, planId, version }: { readonly tenantId: string; readonly planId: string; readonly version: number }) {
  const user = useSession()?.user;
  const { tenantName } = useScope();
  const [action, setAction] = useState<LaunchAction>(null);
  const launch = useLiveDoc<LaunchDoc>({ channel: 'launches', collection: 'launches', tenantId, id: launchDocId(tenantId, planId, version), load: () => fetchLaunch(tenantId, planId, version), deps: [tenantId, planId, version] });
  const plan = useLiveDoc<PlanDoc>({ channel: 'plans', collection: 'plans', tenantId, id: planDocId(tenantId, planId), load: () => fetchPlan(tenantId, planId), deps: [tenantId, planId] });
  const tenant = useLiveDoc<TenantDoc>({ channel: 'tenants', collection: 'tenants', tenantId, id: tenantDocId(tenantId), load: () => fetchTenant(tenantId), deps: [tenantId] });

  const back = <Link href="/launches">← Launches</Link>;
  const title = `${planId} v${version}`;
  // No launch document is normal for an approved version nothing has happened to yet; but a
  // launch of a plan or version that does not exist (or of another tenant: the API answers
  // 404 for both) is not found, as the plan page says.
  const noLaunch = launch.error?.status === 404 || launch.data === null;
  if (launch.error && !noLaunch) return <><PageHeader title={title} back={back} /><ErrorState error={launch.error} onRetry={launch.reload} /></>;
  if (noLaunch && plan.error) return <><PageHeader title={title} back={back} /><ErrorState error={plan.error} onRetry={plan.reload} /></>;
  if ((launch.data === undefined && !noLaunch) || (noLaunch && plan.data === undefined)) return <Loading label="Loading the launch…" />;
  const versionStatus = plan.data?.versions.find((v) => v.version === version)?.status;
  if (noLaunch && !versionStatus) {
    const missing = new ApiError(404, 'launch.not_found', `Plan ${planId} has no version ${version}, so there is no launch of it.`);
    return <><PageHeader title={title} back={back} /><ErrorState error={missing} /></>;
  }
  const l = noLaunch ? undefined : (launch.data ?? undefined);
  const status = l?.status ?? 'none';
  const approved = versionStatus === 'approved';
  const x = l?.execution;
  const mayRequest = canLaunch(user) && (status === 'none' || status === 'blocked') && approved;
  const mayApprove = canApprove(user) && approved && (status === 'none' || status === 'blocked') && !l?.approvals.some((a) => a.by === user?.id);
  const mayRollback = canLaunch(user) && status === 'requested';
  const mayResume = canLaunch(user) && status === 'requested' && !!x?.resumeOffered && !x.resumeRequested;
  const openTouchpoints = Object.entries(x?.touchpoints ?? {}).filter(([, tp]) => tp.open);

  return (
    <>
      <PageHeader
        back={back}
        title={<>Launch of {plan.data?.name ?? planId} v{version} <StatusBadge status={x?.rolledBack ? 'rolled_back' : status} testId="launch-status" /></>}
        subtitle={
          <>
            {tenantName(tenantId)} · <Link href={`/plans/${tenantId}/${planId}`}>plan {planId}</Link>
            {versionStatus ? <> · version {versionStatus}</> : null}
            {l ? <> · updated <RelativeTime iso={l.updatedAt} /></> : null}
          </>
        }
        actions={
          <>
            <Link class="button" href={`/tenants/${tenantId}/campaigns`}>Campaigns</Link>
            <Link class="button" href={`/audit?tenantId=${encodeURIComponent(tenantId)}&stream=${encodeURIComponent(launchStream(tenantId, planId, version))}`}>History</Link>
            {mayApprove ? <button type="button" class="button" onClick={() => setAction('approve')} data-testid="approve-launch-button">Approve launch</button> : null}
            {mayRequest ? <button type="button" class="button button-primary" onClick={() => setAction('request')} data-testid="request-launch-button">{status === 'blocked' ? 'Try the launch again' : 'Request launch'}</button> : null}
            {mayResume ? <button type="button" class="button button-primary" onClick={() => setAction('resume')} data-testid="resume-button">Resume version {version}…</button> : null}
            {mayRollback ? <button type="button" class="button button-danger" onClick={() => setAction('rollback')} data-testid="rollback-button">Roll back…</button> : null}
          </>
        }
      />

      {!l ? (
        <section class="panel">
          <p class="muted" data-testid="launch-not-yet">
            {approved ? 'This version is approved and has not been launched yet.' : `This version is ${versionStatus}; only an approved version can launch.`}
          </p>
        </section>
      ) : null}

      {l && l.status === 'blocked' ? (
        <section class="panel panel-danger" aria-labelledby="blocked-title">
          <h2 id="blocked-title" class="panel-title">Blocked {l.blockedAt ? <span class="muted small">· {formatDateTime(l.blockedAt)}</span> : null}</h2>
          <BlockReasons reasons={l.blockReasons} />
        </section>
      ) : null}

      {l ? <RollbackPanel doc={l} action={tenant.data?.execution.rollbackAction} /> : null}

      {openTouchpoints.length > 0 && l ? (
        <section class="panel panel-warning" aria-labelledby="touchpoints-title" data-testid="touchpoints">
          <h2 id="touchpoints-title" class="panel-title">Waiting for a person</h2>
          {openTouchpoints.map(([id, tp]) => {
            const words = l.details?.touchpoints[id];
            const props = { tenantId, planId, version, touchpointId: id, kind: tp.kind, campaign: tp.logicalCampaignKey, message: words?.message ?? '', lineItemIds: words?.lineItemIds ?? [], openedAt: words?.openedAt };
            return isAgency(user) ? <TouchpointForm key={id} {...props} /> : <p key={id}>{tp.kind.replaceAll('_', ' ')} on <code>{tp.logicalCampaignKey}</code>: {props.message} <span class="muted small">(the agency resolves it)</span></p>;
          })}
        </section>
      ) : null}

      {l ? (
        <section class="panel" aria-labelledby="launch-facts">
          <h2 id="launch-facts" class="panel-title">Facts</h2>
          <KeyValues
            items={[
              ['Requested', l.requested ? `${l.requested.by}, ${formatDateTime(l.requested.at)}` : '—'],
              ['Approvals', l.approvals.length === 0 ? 'None' : (
                <ul class="plain-list" data-testid="launch-approvals">
                  {l.approvals.map((a) => <li key={a.by + a.at}><strong>{a.by}</strong> · {formatDateTime(a.at)}{a.comment ? <span class="muted"> — “{a.comment}”</span> : null}</li>)}
                </ul>
              )],
            ]}
          />
          <ExecutionSummary doc={l} agency={isAgency(user)} />
        </section>
      ) : null}

      {l?.manifest && x ? (
        <section class="panel" aria-labelledby="campaigns-title">
          <h2 id="campaigns-title" class="panel-title">Campaigns per platform</h2>
          <LaunchCampaigns doc={l} manifest={l.manifest} />
        </section>
      ) : l?.manifest ? (
        <section class="panel" aria-labelledby="manifest-title">
          <h2 id="manifest-title" class="panel-title">Manifest per platform</h2>
          <ManifestView manifest={l.manifest} />
        </section>
      ) : null}

      <LaunchDialogs action={action} tenantId={tenantId} planId={planId} version={version} doc={l} rollbackAction={tenant.data?.execution.rollbackAction} onClose={() => setAction(null)} />
    </>
  );
}

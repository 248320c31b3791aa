import { useState } from 'preact/hooks';
import { launchDocId, planDocId } from '../../../projections/definitions/ids.ts';
import { launchStream } from '../../../domain/streams.ts';
import { fetchLaunch, fetchPlan } from '../api.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { BlockReasons } from '../components/BlockReasons.tsx';
import { KeyValues } from '../components/KeyValues.tsx';
import { Link } from '../components/Link.tsx';
import { ManifestView } from '../components/ManifestView.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useLiveDoc } from '../data.ts';
import { formatDateTime } from '../format.ts';
import { canApprove, canLaunch } from '../roles.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { LaunchDoc, PlanDoc } from '../types.ts';

type Action = 'request' | 'approve' | 'rollback' | null;

export function LaunchDetailPage({ tenantId, planId, version }: { readonly tenantId: string; readonly planId: string; readonly version: number }) {
  const session = useSession();
  const user = session?.user;
  const { tenantName } = useScope();
  const [action, setAction] = useState<Action>(null);
  const launch = useLiveDoc<LaunchDoc>({
    channel: 'launches',
    collection: 'launches',
    tenantId,
    id: launchDocId(tenantId, planId, version),
    load: () => fetchLaunch(tenantId, planId, version),
    deps: [tenantId, planId, version],
  });
  const plan = useLiveDoc<PlanDoc>({
    channel: 'plans',
    collection: 'plans',
    tenantId,
    id: planDocId(tenantId, planId),
    load: () => fetchPlan(tenantId, planId),
    deps: [tenantId, planId],
  });

  const back = <Link href="/launches">← Launches</Link>;
  // No launch document yet is a normal state: the version was approved, nothing launched.
  const notYet = launch.error?.status === 404 || launch.data === null;
  if (launch.error && !notYet) return <><PageHeader title={`${planId} v${version}`} back={back} /><ErrorState error={launch.error} onRetry={launch.reload} /></>;
  if (launch.data === undefined && !notYet) return <Loading label="Loading the launch…" />;
  const l = notYet ? undefined : (launch.data ?? undefined);
  const status = l?.status ?? 'none';
  const versionStatus = plan.data?.versions.find((v) => v.version === version)?.status;
  const approved = versionStatus === 'approved';
  // Only an approved version can launch; until the plan has loaded, the gate decides.
  const mayRequest = canLaunch(user) && (status === 'none' || status === 'blocked') && (plan.data === undefined || approved);
  const mayApprove = canApprove(user) && (status === 'none' || status === 'blocked') && !l?.approvals.some((a) => a.by === user?.id);
  const mayRollback = canLaunch(user) && status === 'requested';

  return (
    <>
      <PageHeader
        back={back}
        title={
          <>
            Launch of {plan.data?.name ?? planId} v{version} <StatusBadge status={status} testId="launch-status" />
          </>
        }
        subtitle={
          <>
            {tenantName(tenantId)} · <Link href={`/plans/${tenantId}/${planId}`}>plan {planId}</Link>
            {versionStatus ? <> · version {versionStatus}</> : null}
            {l ? (
              <>
                {' '}
                · updated <RelativeTime iso={l.updatedAt} />
              </>
            ) : null}
          </>
        }
        actions={
          <>
            <Link class="button" href={`/audit?tenantId=${encodeURIComponent(tenantId)}&stream=${encodeURIComponent(launchStream(tenantId, planId, version))}`}>
              History
            </Link>
            {mayApprove ? (
              <button type="button" class="button" onClick={() => setAction('approve')} data-testid="approve-launch-button">
                Approve launch
              </button>
            ) : null}
            {mayRequest ? (
              <button type="button" class="button button-primary" onClick={() => setAction('request')} data-testid="request-launch-button">
                {status === 'blocked' ? 'Try the launch again' : 'Request launch'}
              </button>
            ) : null}
            {mayRollback ? (
              <button type="button" class="button button-danger" onClick={() => setAction('rollback')} data-testid="rollback-button">
                Roll back…
              </button>
            ) : null}
          </>
        }
      />

      {!l ? (
        <section class="panel">
          <p class="muted" data-testid="launch-not-yet">
            {approved ? 'This version is approved and has not been launched yet.' : versionStatus ? `This version is ${versionStatus}; only an approved version can launch.` : 'Nothing has happened to this launch yet.'}
          </p>
        </section>
      ) : null}

      {l && l.status === 'blocked' ? (
        <section class="panel panel-danger" aria-labelledby="blocked-title">
          <h2 id="blocked-title" class="panel-title">
            Blocked {l.blockedAt ? <span class="muted small">· {formatDateTime(l.blockedAt)}</span> : null}
          </h2>
          <BlockReasons reasons={l.blockReasons} />
        </section>
      ) : null}

      {l?.rollback ? (
        <section class="panel panel-warning" aria-labelledby="rollback-title">
          <h2 id="rollback-title" class="panel-title">
            Rollback requested
          </h2>
          <p>
            <strong>{l.rollback.by}</strong> on {formatDateTime(l.rollback.at)}: “{l.rollback.reason}”
          </p>
          <p class="muted small">What this version created is paused on each platform; its history stays.</p>
        </section>
      ) : null}

      {l ? (
        <section class="panel" aria-labelledby="launch-facts">
          <h2 id="launch-facts" class="panel-title">
            Facts
          </h2>
          <KeyValues
            items={[
              ['Requested', l.requested ? `${l.requested.by}, ${formatDateTime(l.requested.at)}` : '—'],
              [
                'Approvals',
                l.approvals.length === 0 ? (
                  'None'
                ) : (
                  <ul class="plain-list" data-testid="launch-approvals">
                    {l.approvals.map((a) => (
                      <li key={a.by + a.at}>
                        <strong>{a.by}</strong> · {formatDateTime(a.at)}
                        {a.comment ? <span class="muted"> — “{a.comment}”</span> : null}
                      </li>
                    ))}
                  </ul>
                ),
              ],
            ]}
          />
        </section>
      ) : null}

      {l?.manifest ? (
        <section class="panel" aria-labelledby="manifest-title">
          <h2 id="manifest-title" class="panel-title">
            Manifest per platform
          </h2>
          <ManifestView manifest={l.manifest} />
        </section>
      ) : null}

      {action === 'request' ? (
        <ActionDialog
          title={`Launch version ${version}`}
          confirmLabel="Launch"
          command={() => ({ type: 'launch.request', tenantId, data: { planId, version } })}
          onDone={() => setAction(null)}
          onClose={() => setAction(null)}
        >
          <p>The launch gate checks approval, tracking, linked accounts and the feed. If anything fails, the launch is blocked and the reasons are listed.</p>
        </ActionDialog>
      ) : null}
      {action === 'approve' ? (
        <ActionDialog
          title={`Approve the launch of version ${version}`}
          confirmLabel="Approve launch"
          text={{ label: 'Comment', minLength: 0 }}
          command={(comment) => ({ type: 'launch.approve', tenantId, data: { planId, version, ...(comment ? { comment } : {}) } })}
          onDone={() => setAction(null)}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action === 'rollback' ? (
        <ActionDialog
          title={`Roll back version ${version}?`}
          confirmLabel={`Roll back version ${version}`}
          tone="danger"
          text={{ label: 'Reason', minLength: 3, placeholder: 'Why this version must come down', hint: 'Recorded in the audit trail.' }}
          command={(reason) => ({ type: 'launch.request_rollback', tenantId, data: { planId, version, reason } })}
          onDone={() => setAction(null)}
          onClose={() => setAction(null)}
        >
          <p class="alert alert-warning">
            This pauses what version {version} created on {l?.manifest ? l.manifest.platforms.length : 'every'} platform{l?.manifest?.platforms.length === 1 ? '' : 's'}. The history stays.
          </p>
        </ActionDialog>
      ) : null}
    </>
  );
}

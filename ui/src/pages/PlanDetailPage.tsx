import { useState } from 'preact/hooks';
import { planDocId } from '../../../projections/definitions/ids.ts';
import { planStream } from '../../../domain/streams.ts';
import { fetchPlan } from '../api.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { LineItemsTable } from '../components/LineItemsTable.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PlanFieldsForm } from '../components/PlanFieldsForm.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { VersionCompare } from '../components/VersionCompare.tsx';
import { VersionsTable } from '../components/VersionsTable.tsx';
import { useLiveDoc } from '../data.ts';
import { canApprove, canEditPlans } from '../roles.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import { useSession } from '../session.ts';
import type { PlanDoc } from '../types.ts';

type Decision = { readonly kind: 'approve' | 'reject'; readonly version: number };

export function PlanDetailPage({ tenantId, planId }: { readonly tenantId: string; readonly planId: string }) {
  const session = useSession();
  const user = session?.user;
  const { tenantName } = useScope();
  const { query } = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const plan = useLiveDoc<PlanDoc>({
    channel: 'plans',
    collection: 'plans',
    tenantId,
    id: planDocId(tenantId, planId),
    load: () => fetchPlan(tenantId, planId),
    deps: [tenantId, planId],
  });

  const back = <Link href="/plans">← Plans</Link>;
  if (plan.error) return <><PageHeader title={planId} back={back} /><ErrorState error={plan.error} onRetry={plan.reload} /></>;
  if (plan.data === undefined) return <Loading label="Loading the plan…" />;
  if (plan.data === null) return <Empty title="This plan no longer exists">{back}</Empty>;
  const p = plan.data;
  const editable = canEditPlans(user);
  const versions = p.versions.map((v) => v.version).sort((a, b) => a - b);
  const latest = p.latestVersion;
  // Compare: ?from=&to= or the latest version against the one before it.
  const toParam = Number(query.get('to'));
  const fromParam = query.get('from');
  const to = versions.includes(toParam) ? toParam : latest;
  const fromDefault = to !== null && to > 1 ? to - 1 : null;
  const from =
    fromParam === 'none' ? null : fromParam !== null && versions.includes(Number(fromParam)) && Number(fromParam) !== to ? Number(fromParam) : fromDefault;

  return (
    <>
      <PageHeader
        back={back}
        title={
          <>
            {p.name} <StatusBadge status={p.status} testId="plan-status" />
          </>
        }
        subtitle={
          <>
            {tenantName(tenantId)} · <code>{p.planId}</code> · updated <RelativeTime iso={p.updatedAt} />
          </>
        }
        actions={
          <>
            <Link class="button" href={`/audit?tenantId=${encodeURIComponent(tenantId)}&stream=${encodeURIComponent(planStream(tenantId, planId))}`}>
              History
            </Link>
            {editable ? (
              <button type="button" class="button button-primary" onClick={() => setSubmitting(true)} disabled={p.lineItems.length === 0} data-testid="submit-version-button" title={p.lineItems.length === 0 ? 'Add a line item first' : undefined}>
                Submit version {(latest ?? 0) + 1}
              </button>
            ) : null}
          </>
        }
      />

      <section class="panel" aria-labelledby="draft-title">
        <div class="panel-head">
          <h2 id="draft-title" class="panel-title">
            Draft
          </h2>
          <span class="muted small">{editable ? 'Edits change the draft only; submitted versions never change.' : 'Read only for your role.'}</span>
        </div>
        <PlanFieldsForm plan={p} editable={editable} />
        <h3 class="section-title">Line items</h3>
        <LineItemsTable plan={p} editable={editable} />
      </section>

      <section class="panel" aria-labelledby="versions-title">
        <h2 id="versions-title" class="panel-title">
          Versions
        </h2>
        <VersionsTable
          tenantId={tenantId}
          planId={planId}
          versions={p.versions}
          canDecide={canApprove(user)}
          onApprove={(version) => setDecision({ kind: 'approve', version })}
          onReject={(version) => setDecision({ kind: 'reject', version })}
          onCompare={(version) => {
            setQuery({ from: version - 1, to: version });
            document.getElementById('compare-title')?.scrollIntoView({ behavior: 'smooth' });
          }}
        />
      </section>

      {to !== null ? (
        <section class="panel" aria-labelledby="compare-title">
          <div class="panel-head">
            <h2 id="compare-title" class="panel-title">
              Compare versions
            </h2>
            <div class="compare-pickers">
              <label>
                <span>From</span>
                <select value={from === null ? '' : String(from)} onChange={(e) => setQuery({ from: (e.target as HTMLSelectElement).value || 'none', to })} data-testid="compare-from">
                  {to === 1 ? <option value="">Nothing (first version)</option> : null}
                  {versions
                    .filter((v) => v !== to)
                    .map((v) => (
                      <option key={v} value={String(v)}>
                        Version {v}
                      </option>
                    ))}
                </select>
              </label>
              <span class="compare-arrow" aria-hidden="true">
                →
              </span>
              <label>
                <span>To</span>
                <select value={String(to)} onChange={(e) => {
                    const next = Number((e.target as HTMLSelectElement).value);
                    setQuery({ to: next, from: from !== null && from !== next ? from : null });
                  }} data-testid="compare-to">
                  {versions.map((v) => (
                    <option key={v} value={String(v)}>
                      Version {v}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
          <VersionCompare tenantId={tenantId} planId={planId} from={from} to={to} />
        </section>
      ) : null}

      {submitting ? (
        <ActionDialog
          title={`Submit version ${(latest ?? 0) + 1}`}
          confirmLabel="Submit for approval"
          command={() => ({ type: 'plan.submit_version', tenantId, data: { planId } })}
          onDone={() => setSubmitting(false)}
          onClose={() => setSubmitting(false)}
        >
          <p>
            The draft is frozen as version {(latest ?? 0) + 1} ({p.lineItems.length} line item{p.lineItems.length === 1 ? '' : 's'}) and goes to the approvers.
            {p.status === 'submitted' ? ` Version ${latest} is still waiting; it will be superseded.` : ''}
          </p>
        </ActionDialog>
      ) : null}
      {decision?.kind === 'approve' ? (
        <ActionDialog
          title={`Approve version ${decision.version}`}
          confirmLabel="Approve"
          text={{ label: 'Comment', minLength: 0 }}
          command={(comment) => ({ type: 'plan.approve_version', tenantId, data: { planId, version: decision.version, ...(comment ? { comment } : {}) } })}
          onDone={() => setDecision(null)}
          onClose={() => setDecision(null)}
        />
      ) : null}
      {decision?.kind === 'reject' ? (
        <ActionDialog
          title={`Reject version ${decision.version}`}
          confirmLabel="Reject"
          tone="danger"
          text={{ label: 'Reason', minLength: 3, hint: 'The planner sees this reason.' }}
          command={(reason) => ({ type: 'plan.reject_version', tenantId, data: { planId, version: decision.version, reason } })}
          onDone={() => setDecision(null)}
          onClose={() => setDecision(null)}
        />
      ) : null}
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { fetchAudit } from '../api.ts';
import { AsOfPanel } from '../components/AsOfPanel.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useLiveList } from '../data.ts';
import { formatDateTime } from '../format.ts';
import { setQuery, useLocation } from '../router.ts';
import { useScope } from '../scope.tsx';
import type { AuditEntryDoc } from '../types.ts';
import { LoadMore } from '../components/LoadMore.tsx';
import { ExportHistoryButton } from '../components/ExportHistoryButton.tsx';
import { canExportHistory } from '../roles.ts';
import { useSession } from '../session.ts';

// The event types of domain/*/events.ts, offered as suggestions (any type may be typed).
const eventTypes = [
  'tenant.created',
  'tenant.platform_account_linked',
  'tenant.platform_account_unlinked',
  'tenant.tracking_health_reported',
  'tenant.feed_health_reported',
  'tenant.approval_policy_set',
  'tenant.guardrails_set',
  'tenant.kpi_targets_set',
  'tenant.consent_profile_set',
  'tenant.launch_recorded',
  'plan.created',
  'plan.draft_updated',
  'plan.line_item_added',
  'plan.line_item_updated',
  'plan.line_item_removed',
  'plan.version_submitted',
  'plan.version_approved',
  'plan.version_rejected',
  'launch.approval_granted',
  'launch.requested',
  'launch.blocked',
  'launch.rollback_requested',
];

const category = (type: string): string => type.split('.')[0] ?? '';

export function AuditPage() {
  const scope = useScope();
  const session = useSession();
  const { query } = useLocation();
  // A tenant in the address (from a tenant, plan or launch page) wins over the header's.
  const tenantId = query.get('tenantId') || scope.tenantId;
  const actorId = query.get('actorId') ?? '';
  const type = query.get('type') ?? '';
  const stream = query.get('stream') ?? '';
  const [actorText, setActorText] = useState(actorId);
  const [typeText, setTypeText] = useState(type);
  useEffect(() => setActorText(actorId), [actorId]);
  useEffect(() => setTypeText(type), [type]);

  const list = useLiveList<AuditEntryDoc>({
    channel: 'audit',
    collection: 'audit_timeline',
    tenantId,
    load: (cursor) => fetchAudit({ tenantId, ...(actorId ? { actorId } : {}), ...(type ? { type } : {}), ...(cursor ? { cursor } : {}) }),
    accept: (doc) => (!tenantId || doc.tenantId === tenantId) && (!actorId || doc.actorId === actorId) && (!type || doc.type === type),
    deps: [tenantId, actorId, type],
  });
  const entries = [...(list.docs ?? [])].sort((a, b) => b.seq - a.seq);
  const knownStreams = [...new Set(entries.map((e) => e.stream))].sort();

  const applyFilters = (event: Event) => {
    event.preventDefault();
    setQuery({ actorId: actorText.trim(), type: typeText.trim() });
  };
  const filtered = !!(actorId || type || query.get('tenantId'));

  return (
    <>
      <PageHeader title="Audit" subtitle="Every event in log order: who did what, when, and why" />
      <div class="audit-layout">
        <div class="stack">
          <form class="panel filters" onSubmit={applyFilters} aria-label="Filter the timeline">
            {scope.canPickTenant ? (
              <Field label="Tenant">
                <select value={tenantId ?? ''} onChange={(e) => setQuery({ tenantId: (e.target as HTMLSelectElement).value })} data-testid="audit-tenant">
                  <option value="">All tenants</option>
                  {(scope.tenants ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field label="Actor">
              <input value={actorText} onInput={(e) => setActorText((e.target as HTMLInputElement).value)} placeholder="user id" data-testid="audit-actor" />
            </Field>
            <Field label="Event type">
              <input value={typeText} list="event-types" onInput={(e) => setTypeText((e.target as HTMLInputElement).value)} placeholder="any" data-testid="audit-type" spellcheck={false} />
              <datalist id="event-types">
                {eventTypes.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </Field>
            <div class="filters-actions">
              <button type="submit" class="button button-primary">
                Filter
              </button>
              {filtered ? (
                <button type="button" class="button button-quiet" onClick={() => setQuery({ tenantId: null, actorId: null, type: null })}>
                  Clear
                </button>
              ) : null}
            </div>
            {tenantId && canExportHistory(session?.user) ? <ExportHistoryButton tenantId={tenantId} /> : null}
          </form>

          {list.error && !list.docs ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : !list.docs ? (
            <Loading label="Loading the timeline…" />
          ) : entries.length === 0 ? (
            <Empty title="No events match">Change or clear the filters.</Empty>
          ) : (
            <div class="panel timeline-panel">
              <ol class="timeline" data-testid="audit-timeline">
                {entries.map((e) => (
                  <li key={e.id} class={`timeline-entry timeline-${category(e.type)}`} data-testid="audit-entry" data-type={e.type}>
                    <div class="timeline-when">
                      <RelativeTime iso={e.at} />
                      <span class="muted small">{formatDateTime(e.at, true)}</span>
                    </div>
                    <div class="timeline-what">
                      <div class="timeline-summary">{e.summary}</div>
                      <div class="timeline-meta">
                        <button type="button" class="chip" onClick={() => setQuery({ type: e.type })} title="Only this type">
                          {e.type}
                        </button>
                        <button type="button" class="chip" onClick={() => setQuery({ actorId: e.actorId })} title="Only this actor">
                          {e.actor.id} · {e.actor.role}
                        </button>
                        <button
                          type="button"
                          class="chip chip-stream"
                          onClick={() => {
                            setQuery({ stream: e.stream });
                            // Beside the timeline it is in view; below it (narrow screens) it is not.
                            document.getElementById('asof-panel')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
                          }}
                          title="Show this stream's state as of a time"
                        >
                          {e.stream} @ {e.revision}
                        </button>
                      </div>
                    </div>
                  </li>
                ))}
              </ol>
              <LoadMore list={list} testId="audit-load-more" end={<p class="muted small timeline-end">The beginning of the log.</p>} />
            </div>
          )}
        </div>
        <AsOfPanel stream={stream} onStreamChange={(s) => setQuery({ stream: s })} knownStreams={knownStreams} />
      </div>
    </>
  );
}

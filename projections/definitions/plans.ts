// One document per plan: the draft being edited and a summary line per submitted version
// (the frozen contents live in plan_versions, so this document stays small however many
// versions a plan has).
import { parseStreamName } from '../../domain/streams.ts';
import type { LineItem } from '../../domain/plan/events.ts';
import { planEventSchemas } from '../../domain/plan/events.ts';
import type { PlanState, PlanVersion } from '../../domain/plan/state.ts';
import { evolve, initialState, latestVersion } from '../../domain/plan/state.ts';
import type { Stamp } from './docs.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { planDocId } from './ids.ts';
import { projection } from './projection.ts';
import { isPlanEvent } from '../../domain/decodeEvent.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

export type VersionSummary = Omit<PlanVersion, 'content'>;

export type PlanDoc = {
  readonly id: string; // planDocId
  readonly planId: string;
  readonly name: string;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly budgetMicros: number;
  readonly lineItems: readonly LineItem[]; // the draft's, in the order they were added
  readonly allocatedMicros: number; // sum of the draft's line-item budgets
  readonly status: PlanState['status'];
  readonly latestVersion: number | null; // null until the first submission
  readonly versions: readonly VersionSummary[];
} & Stamp;

// evolve reads an earlier version only to change its status, never its content, so the
// summary stands in for the version with an empty content.
const stateOf = (doc: PlanDoc | undefined): PlanState => {
  if (!doc) return initialState;
  const { planId, status, name, currency, periodStart, periodEnd, budgetMicros, lineItems, versions } = doc;
  const draft = { name, currency, periodStart, periodEnd, budgetMicros, lineItems: [...lineItems] };
  return { exists: true, planId, status, draft, versions: versions.map((v) => ({ ...v, content: initialState.draft })) };
};

export const plans = projection({
  name: 'plans',
  indexes: {
    fields: { tenantId: 'string', status: 'string', updatedAt: 'string' },
    shapes: everyCombination({ optional: ['tenantId', 'status'], sort: 'updatedAt' }),
  },
  handles: Object.keys(planEventSchemas),
  async apply(event, view) {
    const e = event;
    const stream = parseStreamName(event.streamId);
    if (!isPlanEvent(e) || stream?.category !== 'plan') return [];
    const id = planDocId(stream.tenantId, stream.planId);
    const before = docAs<PlanDoc>(await view.get(id));
    if (alreadyApplied(before, event)) return [];
    const plan = evolve(stateOf(before), e);
    const doc: PlanDoc = {
      id,
      planId: stream.planId,
      ...plan.draft,
      allocatedMicros: plan.draft.lineItems.reduce((sum, li) => sum + li.budgetMicros, 0),
      status: plan.status,
      latestVersion: latestVersion(plan)?.version ?? null,
      versions: plan.versions.map(({ content: _content, ...summary }) => summary),
      ...stamp(event),
    };
    return [{ upsert: plain(doc) }];
  },
});

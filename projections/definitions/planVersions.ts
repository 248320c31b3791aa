// One document per submitted plan version: its frozen content, its fate (submitted,
// approved, rejected, superseded; who, when, why) and the diff from the version before it,
// which is what an approver reads side by side.
import type { PlanState, PlanVersion } from '../../domain/plan/state.ts';
import { evolve, initialState } from '../../domain/plan/state.ts';
import type { Fields, Stamp } from './docs.ts';
import { planVersionId } from './ids.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import type { PlanDiff } from './planDiff.ts';
import { diffPlanContent } from './planDiff.ts';
import type { ProjectionChange } from './projection.ts';
import { projection } from './projection.ts';
import { isPlanEvent } from '../../domain/decodeEvent.ts';

export type PlanVersionDoc = {
  readonly id: string; // planVersionId
  readonly planId: string;
  readonly diffAgainst: number | null; // the version the diff compares with; null for the first
  readonly diff: PlanDiff;
  readonly supersededAt?: string;
} & Fields<PlanVersion> &
  Stamp;

const versionOf = (doc: PlanVersionDoc): PlanVersion => {
  const { id: _i, planId: _p, diffAgainst: _a, diff: _d, supersededAt: _s, tenantId: _t, updatedAt: _u, position: _q, ...version } = doc;
  return version;
};

const versionEvents = new Set(['plan.version_submitted', 'plan.version_approved', 'plan.version_rejected']);

export const planVersions = projection({
  name: 'plan_versions',
  indexes: {
    fields: { tenantId: 'string', planId: 'string', status: 'string', version: 'number' },
    shapes: [{ equal: ['tenantId', 'planId'], sort: 'version' }],
  },
  handles: [...versionEvents],
  async apply(event, view) {
    const e = event;
    if (!isPlanEvent(e) || !('version' in e.data)) return []; // the version facts are the plan events with a version
    const { planId, version } = e.data;
    const idOf = (v: number): string => planVersionId(e.metadata.tenantId, planId, v);
    const self = docAs<PlanVersionDoc>(await view.get(idOf(version)));
    if (alreadyApplied(self, event)) return [];

    // Versions are numbered 1, 2, 3…, and only the one before a submission can still be
    // waiting (an older one was superseded when that one came), so these are all it touches.
    const prior = e.type === 'plan.version_submitted' && version > 1 ? docAs<PlanVersionDoc>(await view.get(idOf(version - 1))) : undefined;
    const known = new Map([prior, self].filter((d) => d !== undefined).map((d) => [d.version, d]));
    // The domain's evolve decides the statuses (superseding, decisions), as it does for commands.
    const before: PlanState = { ...initialState, exists: true, planId, versions: [...known.values()].map(versionOf) };
    const after = evolve(before, e);

    // evolve returns untouched versions as the same objects, so what is new is what changed.
    return after.versions
      .filter((v) => !before.versions.includes(v))
      .map((v): ProjectionChange => {
        const old = known.get(v.version);
        const doc: PlanVersionDoc = {
          id: idOf(v.version),
          planId,
          ...v,
          // Computed once, at submission, from the version before whatever became of it.
          diffAgainst: old ? old.diffAgainst : (prior?.version ?? null),
          diff: old ? old.diff : diffPlanContent(prior?.content, v.content),
          supersededAt: v.status === 'superseded' ? (old?.supersededAt ?? e.metadata.recordedAt) : undefined,
          ...stamp(event),
        };
        return { upsert: plain(doc) };
      });
  },
});

import type { DomainEvent } from '../shared/envelope.ts';
import type { LineItem, PlanContent, PlanEvent } from './events.ts';

// An earlier version still waiting when a newer one is submitted becomes `superseded`.
export type VersionStatus = 'submitted' | 'approved' | 'rejected' | 'superseded';

export interface PlanVersion {
  readonly version: number;
  readonly contentHash: string;
  readonly content: PlanContent;
  readonly status: VersionStatus;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly comment?: string;
  readonly reason?: string;
}

export interface PlanState {
  readonly exists: boolean;
  readonly planId: string;
  // `draft` until a version exists, then the latest version's status.
  readonly status: 'draft' | 'submitted' | 'approved' | 'rejected';
  readonly draft: PlanContent;
  readonly versions: readonly PlanVersion[];
}

export const initialState: PlanState = {
  exists: false,
  planId: '',
  status: 'draft',
  draft: { name: '', currency: '', periodStart: '', periodEnd: '', budgetMicros: 0, lineItems: [] },
  versions: [],
};

export const latestVersion = (plan: PlanState): PlanVersion | undefined => plan.versions[plan.versions.length - 1];
export const findVersion = (plan: PlanState, version: number): PlanVersion | undefined =>
  plan.versions.find((v) => v.version === version);

export function evolve(plan: PlanState, event: DomainEvent<PlanEvent>): PlanState {
  switch (event.type) {
    case 'plan.created': {
      const { planId, ...content } = event.data;
      return { ...plan, exists: true, planId, draft: { ...content, lineItems: [] } };
    }
    case 'plan.draft_updated':
    case 'plan.line_item_added':
    case 'plan.line_item_updated':
    case 'plan.line_item_removed':
      return { ...plan, draft: evolveDraft(plan.draft, event) };
    case 'plan.version_submitted': {
      const { version, contentHash, content } = event.data;
      const versions = plan.versions.map((v) => (v.status === 'submitted' ? { ...v, status: 'superseded' as const } : v));
      const submitted: PlanVersion = {
        version,
        contentHash,
        content,
        status: 'submitted',
        submittedBy: event.metadata.actor.id,
        submittedAt: event.metadata.recordedAt,
      };
      return { ...plan, status: 'submitted', versions: [...versions, submitted] };
    }
    case 'plan.version_approved': {
      const { version, comment } = event.data;
      return decided(plan, version, { status: 'approved', ...by(event), ...(comment === undefined ? {} : { comment }) });
    }
    case 'plan.version_rejected':
      return decided(plan, event.data.version, { status: 'rejected', ...by(event), reason: event.data.reason });
  }
}

export type DraftEvent = Extract<PlanEvent, { type: 'plan.draft_updated' | `plan.line_item_${string}` }>;

// Separate from evolve so that decide can try an edit on the draft before accepting it.
export function evolveDraft(draft: PlanContent, event: DraftEvent): PlanContent {
  switch (event.type) {
    case 'plan.draft_updated':
      return { ...draft, ...definedOnly(event.data) };
    case 'plan.line_item_added': {
      const item: LineItem = { ...event.data, currency: event.data.currency ?? draft.currency };
      return { ...draft, lineItems: [...draft.lineItems, item] };
    }
    case 'plan.line_item_updated': {
      const change = definedOnly(event.data);
      return { ...draft, lineItems: draft.lineItems.map((li) => (li.lineItemId === change.lineItemId ? { ...li, ...change } : li)) };
    }
    case 'plan.line_item_removed':
      return { ...draft, lineItems: draft.lineItems.filter((li) => li.lineItemId !== event.data.lineItemId) };
  }
}

const by = (event: DomainEvent<PlanEvent>) => ({ decidedBy: event.metadata.actor.id, decidedAt: event.metadata.recordedAt });

function decided(plan: PlanState, version: number, decision: Partial<PlanVersion> & { status: 'approved' | 'rejected' }): PlanState {
  const versions = plan.versions.map((v) => (v.version === version ? { ...v, ...decision } : v));
  return { ...plan, versions, status: latestVersion(plan)?.version === version ? decision.status : plan.status };
}

// Optional fields arrive as absent, never as undefined overwriting a value; this keeps it so.
function definedOnly<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as T;
}

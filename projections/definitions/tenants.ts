// One document per tenant: its settings and health as the tenant aggregate folds them
// (the domain's own evolve, so the console shows exactly what the launch gate checks).
import { tenantEventSchemas } from '../../domain/tenant/events.ts';
import type { TenantState } from '../../domain/tenant/state.ts';
import { evolve, initialState } from '../../domain/tenant/state.ts';
import type { Stamp } from './docs.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { tenantDocId } from './ids.ts';
import { projection } from './projection.ts';
import { isTenantEvent } from '../../domain/decodeEvent.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

// The folded state minus `exists` (a document exists or it does not) and `id` (the doc id is
// the tenant id); `guardrails` is absent until set; `launches` holds `${planId}:${version}`.
export type TenantDoc = { readonly id: string } & Omit<TenantState, 'exists' | 'id'> & { readonly launchCount: number } & Stamp;

const stateOf = (doc: TenantDoc | undefined): TenantState => {
  if (!doc) return initialState;
  const { id, tenantId: _t, updatedAt: _u, position: _p, launchCount: _c, ...fields } = doc;
  return { ...initialState, ...fields, exists: true, id };
};

export const tenants = projection({
  name: 'tenants',
  indexes: {
    fields: { tenantId: 'string', name: 'string' },
    shapes: everyCombination({ optional: ['tenantId'], sort: 'name' }),
  },
  handles: Object.keys(tenantEventSchemas),
  async apply(event, view) {
    const e = event;
    if (!isTenantEvent(e)) return [];
    const id = tenantDocId(e.metadata.tenantId);
    const before = docAs<TenantDoc>(await view.get(id));
    if (alreadyApplied(before, event)) return [];
    const { exists: _e, id: _id, ...state } = evolve(stateOf(before), e);
    const doc: TenantDoc = { id, ...state, launchCount: state.launches.length, ...stamp(event) };
    return [{ upsert: plain(doc) }];
  },
});

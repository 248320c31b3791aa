// What the list routes ask the document store, as data: the routes (queries.ts) build their
// finds from these, and test/architecture/queryIndexes.test.ts checks that every query they
// can issue is served by an index the collection declares.
import { z } from 'zod';
import type { FindQuery, Scalar } from '../../readmodels/documents/port.ts';

type Sort = NonNullable<FindQuery['sort']>;

// A list route: confined to the caller's tenant scope (no tenantId for an agency-wide
// principal who names none), filtered on each of `filters` the caller gives.
export interface ListRoute {
  readonly url: string;
  readonly collection: string;
  readonly summary: string;
  readonly tag: string;
  readonly filters: z.ZodRawShape;
  readonly sort: Sort;
}

// A query as the store sees it: equality on every `fixed` field, and on each `optional` one
// the request carries, sorted by `sort`.
export interface IssuedQuery {
  readonly route: string;
  readonly collection: string;
  readonly fixed: readonly string[];
  readonly optional: readonly string[];
  readonly sort: Sort;
}

export const lists = {
  tenants: { url: '/api/tenants', collection: 'tenants', summary: 'Tenants in scope', tag: 'tenants', filters: {}, sort: { field: 'name', direction: 'asc' } },
  approvals: {
    url: '/api/approvals',
    collection: 'approvals_queue',
    summary: 'What waits for a human decision, newest first',
    tag: 'approvals',
    filters: { kind: z.enum(['plan_version', 'launch', 'launch_alert', 'performance_alert']).optional() },
    sort: { field: 'submittedAt', direction: 'desc' },
  },
  plans: {
    url: '/api/plans',
    collection: 'plans',
    summary: 'Media plans, most recently changed first',
    tag: 'plans',
    filters: { status: z.enum(['draft', 'submitted', 'approved', 'rejected']).optional() },
    sort: { field: 'updatedAt', direction: 'desc' },
  },
  launches: {
    url: '/api/launches',
    collection: 'launches',
    summary: 'Launches of plan versions, most recently changed first',
    tag: 'launches',
    filters: { status: z.enum(['none', 'blocked', 'requested', 'rollback_requested']).optional() },
    sort: { field: 'updatedAt', direction: 'desc' },
  },
  audit: {
    url: '/api/audit/timeline',
    collection: 'audit_timeline',
    summary: 'Who did what, when: every event, newest first',
    tag: 'audit',
    filters: { actorId: z.string().min(1).max(200).optional(), type: z.string().min(1).max(100).optional() },
    sort: { field: 'seq', direction: 'desc' },
  },
} as const satisfies Record<string, ListRoute>;

// The tenant filter is optional: tenantFilter (api/http/scope.ts) gives none to an
// agency-wide principal who names no tenant.
export const issuedQuery = (list: ListRoute): IssuedQuery =>
  ({ route: list.url, collection: list.collection, fixed: [], optional: ['tenantId', ...Object.keys(list.filters)], sort: list.sort });

// Both take the tenant and plan from the path: always present.
export const planVersionsQuery: IssuedQuery = {
  route: '/api/plans/:tenantId/:planId/versions', collection: 'plan_versions', fixed: ['tenantId', 'planId'], optional: [], sort: { field: 'version', direction: 'desc' },
};
export const campaignsQuery: IssuedQuery = {
  route: '/api/tenants/:tenantId/campaigns', collection: 'campaigns', fixed: ['tenantId'], optional: ['planId'], sort: { field: 'updatedAt', direction: 'desc' },
};

export const issuedQueries: readonly IssuedQuery[] = [...Object.values(lists).map(issuedQuery), planVersionsQuery, campaignsQuery];

// The equality filter of a request: the query's fields the request gives a value for.
export function whereOf(query: IssuedQuery, values: Readonly<Record<string, unknown>>): Record<string, Scalar> {
  return Object.fromEntries([...query.fixed, ...query.optional].flatMap((k) => (values[k] === undefined ? [] : [[k, values[k] as Scalar]])));
}

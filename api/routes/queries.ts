// One query route per read model. Lists are confined to the caller's tenant scope; a
// document outside it is answered as missing. `?after=<position>` waits (bounded) until
// every projection has applied that position: read-your-writes after a command.
import { z } from 'zod';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { diffPlanContent } from '../../projections/definitions/planDiff.ts';
import { launchDocId, planDocId, planVersionId, tenantDocId } from '../../projections/definitions/ids.ts';
import type { PlanVersionDoc } from '../../projections/definitions/planVersions.ts';
import type { ProjectionDaemon } from '../../projections/runtime/daemon.ts';
import type { Doc, DocumentReader, FindQuery, ReadModelBackend, Scalar } from '../../readmodels/documents/port.ts';
import { isDomainError, invalid, notFound, type DomainError } from '../../domain/shared/errors.ts';
import { idSchema } from '../../domain/streams.ts';
import { canSeeTenant, type Principal } from '../auth/principal.ts';
import { int64Text } from '../http/numbers.ts';
import type { Router } from '../http/route.ts';
import { tenantFilter } from '../http/scope.ts';
import { campaignsQuery, issuedQuery, lists, planVersionsQuery, whereOf, type ListRoute } from './listQueries.ts';

export const AFTER_TIMEOUT_MS = 5000;
const position = int64Text('a log position');
const page = { limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().max(2000).optional(), after: position.optional() };
const version = z.coerce.number().int().min(1).max(1_000_000_000);

export interface ReadSide {
  readonly docs: ReadModelBackend;
  readonly daemon: ProjectionDaemon;
}

// Queries only read: they get the reading part of the document store, nothing else.
export function queryRoutes(routes: Router, { docs, daemon }: { readonly docs: DocumentReader; readonly daemon: ProjectionDaemon }, log: Pick<EventStore, 'headPosition'>): void {
  const readAfter = async (after: string | undefined): Promise<DomainError | undefined> => {
    if (after === undefined) return undefined;
    // A position the log has not reached is a caller's mistake, not something to wait for.
    const head = await log.headPosition();
    if (BigInt(after) > head) return invalid('query.after_ahead', `Position ${after} is beyond the end of the log (${head})`, { after, head: String(head) });
    if (await daemon.waitFor(BigInt(after), AFTER_TIMEOUT_MS)) return undefined;
    return { kind: 'unavailable', code: 'projections.behind', message: `The read models have not reached position ${after} within ${AFTER_TIMEOUT_MS} ms; try again` };
  };

  // A document the caller may see, or 404 (also for one of another tenant).
  const visible = async (principal: Principal, collection: string, id: string, what: string): Promise<Doc | DomainError> => {
    const doc = await docs.get(collection, id);
    return doc && canSeeTenant(principal, doc.tenantId as string) ? doc : notFound(`${what}.not_found`, `There is no ${what} ${id.replaceAll(':', ' ')}`);
  };

  const find = async (collection: string, query: FindQuery): Promise<unknown> => {
    try {
      return await docs.find(collection, query);
    } catch (error) {
      // A cursor from elsewhere (or forged) is the caller's mistake; a store fault is a 503
      // and anything else a bug (500), both answered by the server's error handler.
      const code = (error as { code?: unknown }).code;
      if (code === 'query.invalid_cursor' || code === 'query.invalid') return invalid(code, (error as Error).message);
      throw error;
    }
  };

  function list(spec: ListRoute) {
    routes.route({
      method: 'GET',
      url: spec.url,
      summary: spec.summary,
      tags: [spec.tag],
      access: 'signed-in',
      query: z.strictObject({ tenantId: idSchema.optional(), ...spec.filters, ...page }),
      async handler({ query, principal }) {
        const q = query as { tenantId?: string; limit: number; cursor?: string; after?: string } & Record<string, Scalar | undefined>;
        const scope = tenantFilter(principal, q.tenantId);
        if (isDomainError(scope)) return scope;
        const behind = await readAfter(q.after);
        if (behind) return behind;
        const issued = issuedQuery(spec);
        return find(spec.collection, { where: whereOf(issued, { ...q, tenantId: undefined, ...scope }), sort: issued.sort, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
      },
    });
  }

  function one<P extends z.ZodRawShape>(spec: { url: string; collection: string; summary: string; tag: string; what: string; params: P; id: (p: z.output<z.ZodObject<P>>) => string }) {
    routes.route({
      method: 'GET',
      url: spec.url,
      summary: spec.summary,
      tags: [spec.tag],
      access: 'signed-in',
      params: z.strictObject(spec.params),
      query: z.strictObject({ after: position.optional() }),
      async handler({ params, query, principal }) {
        const behind = await readAfter(query.after);
        return behind ?? visible(principal, spec.collection, spec.id(params as never), spec.what);
      },
    });
  }

  const tenant = { tenantId: idSchema };
  const plan = { ...tenant, planId: idSchema };

  list(lists.tenants);
  one({ url: '/api/tenants/:tenantId', collection: 'tenants', summary: 'One tenant: accounts, tracking, policy, guardrails', tag: 'tenants', what: 'tenant', params: tenant, id: (p) => tenantDocId(p.tenantId) });

  list(lists.approvals);

  list(lists.plans);
  one({ url: '/api/plans/:tenantId/:planId', collection: 'plans', summary: 'One plan with its draft', tag: 'plans', what: 'plan', params: plan, id: (p) => planDocId(p.tenantId, p.planId) });

  routes.route({
    method: 'GET',
    url: planVersionsQuery.route,
    summary: 'The submitted versions of a plan, newest first',
    tags: ['plans'],
    access: 'signed-in',
    params: z.strictObject(plan),
    query: z.strictObject(page),
    async handler({ params, query, principal }) {
      const scope = tenantFilter(principal, params.tenantId);
      if (isDomainError(scope)) return scope;
      const behind = await readAfter(query.after);
      if (behind) return behind;
      return find(planVersionsQuery.collection, { where: whereOf(planVersionsQuery, params), sort: planVersionsQuery.sort, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    },
  });
  one({
    url: '/api/plans/:tenantId/:planId/versions/:version',
    collection: 'plan_versions',
    summary: 'One frozen version with its diff from the version before',
    tag: 'plans',
    what: 'plan_version',
    params: { ...plan, version },
    id: (p) => planVersionId(p.tenantId, p.planId, p.version),
  });

  routes.route({
    method: 'GET',
    url: '/api/plans/:tenantId/:planId/diff',
    summary: 'What changed between any two submitted versions',
    tags: ['plans'],
    access: 'signed-in',
    params: z.strictObject(plan),
    query: z.strictObject({ from: version, to: version, after: position.optional() }),
    async handler({ params, query, principal }) {
      const behind = await readAfter(query.after);
      if (behind) return behind;
      const idOf = (v: number) => planVersionId(params.tenantId, params.planId, v);
      const from = await visible(principal, 'plan_versions', idOf(query.from), 'plan_version');
      if (isDomainError(from)) return from;
      const to = await visible(principal, 'plan_versions', idOf(query.to), 'plan_version');
      if (isDomainError(to)) return to;
      return { from: query.from, to: query.to, diff: diffPlanContent((from as PlanVersionDoc).content, (to as PlanVersionDoc).content) };
    },
  });

  list(lists.launches);
  one({
    url: '/api/launches/:tenantId/:planId/:version',
    collection: 'launches',
    summary: 'One launch: status, block reasons, manifest per platform, approvals',
    tag: 'launches',
    what: 'launch',
    params: { ...plan, version },
    id: (p) => launchDocId(p.tenantId, p.planId, p.version),
  });

  routes.route({
    method: 'GET',
    url: campaignsQuery.route,
    summary: 'What exists on each platform for a tenant: each campaign, the plan version that made it, its status as the log says',
    tags: ['launches'],
    access: 'signed-in',
    params: z.strictObject(tenant),
    query: z.strictObject({ planId: idSchema.optional(), ...page }),
    async handler({ params, query, principal }) {
      const scope = tenantFilter(principal, params.tenantId);
      if (isDomainError(scope)) return scope;
      const behind = await readAfter(query.after);
      if (behind) return behind;
      return find(campaignsQuery.collection, { where: whereOf(campaignsQuery, { ...params, ...query }), sort: campaignsQuery.sort, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    },
  });

  list(lists.audit);
}

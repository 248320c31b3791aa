// The auditor's routes: verify (in the background, one job per scope), anchors, and a
// tenant's history export — the file `adledger audit verify --file` checks offline.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import { anchorLog } from '../../projections/audit/anchorLog.ts';
import { tenantExport } from '../../projections/audit/tenantExport.ts';
import { verifyChains } from '../../projections/audit/verifyChains.ts';
import { verifyJobs, type VerifyJob } from '../../projections/audit/verifyJobs.ts';
import { invalid, isDomainError, notFound } from '../../domain/shared/errors.ts';
import { idSchema } from '../../domain/streams.ts';
import type { Router } from '../http/route.ts';
import { tenantFilter } from '../http/scope.ts';
import type { Audit } from '../openAudit.ts';

const EVERY_TENANT = '*';
const jobNotFound = (id: string) => notFound('audit.job_not_found', `There is no verification ${id}`);

export function auditRoutes(routes: Router, store: EventStore, audit: Audit | undefined, onError?: (error: unknown) => void): void {
  const jobs = verifyJobs(
    async (scope) =>
      verifyChains(store, {
        ...(scope === EVERY_TENANT ? {} : { tenantId: scope }),
        ...(audit ? { keys: audit.keyring, anchors: await audit.anchors.list() } : {}),
      }),
    onError ? { onError } : {},
  );
  // Finished within `wait` seconds: the report (200). Still running: 202 with the job to poll.
  const answer = (job: VerifyJob, reply: { status(code: number): unknown }) => {
    if (job.status === 'done') return job.report;
    if (job.status === 'failed') return { kind: 'unavailable', code: 'audit.verify_failed', message: job.error ?? 'The verification failed' };
    reply.status(202);
    return { job, poll: `/api/audit/verify?${job.scope === EVERY_TENANT ? '' : `tenantId=${job.scope}&`}job=${job.id}` };
  };

  routes.route({
    method: 'GET',
    url: '/api/audit/verify',
    summary: 'Verify the stream chains (one tenant, or every tenant in scope) and the log chain against the anchors',
    description:
      'Runs in the background, one job per scope (a second call joins the running one). Answers the report when it finishes within `wait` seconds, else 202 with the job; poll with `job=<id>` (same scope) until it answers the report.',
    tags: ['audit'],
    access: 'signed-in',
    query: z.strictObject({ tenantId: idSchema.optional(), wait: z.coerce.number().int().min(0).max(30).default(10), job: z.uuid().optional() }),
    responses: { 200: 'the report', 202: 'still running: poll with job=<id>' },
    async handler({ query, principal, reply }) {
      const scope = tenantFilter(principal, query.tenantId);
      if (isDomainError(scope)) return scope;
      const asked = scope.tenantId ?? EVERY_TENANT;
      const job = query.job === undefined ? jobs.start(asked) : jobs.get(query.job);
      if (!job || job.scope !== asked) return jobNotFound(query.job ?? '');
      return answer(await jobs.settle(job.id, query.wait * 1000), reply);
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/audit/anchors',
    summary: 'The anchors of the log head, oldest first',
    tags: ['audit'],
    access: ['agency-admin', 'agency-user'],
    async handler() {
      return { anchors: audit ? await audit.anchors.list() : [] };
    },
  });

  routes.route({
    method: 'POST',
    url: '/api/audit/anchors',
    summary: 'Anchor the log head now (signed with the current audit key)',
    tags: ['audit'],
    access: ['agency-admin'],
    responses: { 201: 'the new anchor', 503: 'no audit keys on this server' },
    async handler({ reply }) {
      if (!audit) return { kind: 'unavailable', code: 'audit.no_keys', message: 'This server holds no audit keys' };
      const outcome = await anchorLog(store, audit.anchors, audit.keyring.current(), { always: true });
      if (isDomainError(outcome)) return outcome;
      reply.status(201);
      return outcome.anchor;
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/audit/export',
    summary: "A tenant's history as JSON lines, for `adledger audit verify --file`",
    description: "The tenant's events in full; every other event as its position and digest only. A client admin's tenant is their own; agency admins name one.",
    tags: ['audit'],
    access: ['agency-admin', 'client-admin'],
    query: z.strictObject({ tenantId: idSchema.optional() }),
    async handler({ query, principal, reply }) {
      const scope = tenantFilter(principal, query.tenantId);
      if (isDomainError(scope)) return scope;
      const tenantId = scope.tenantId;
      if (tenantId === undefined) return invalid('query.invalid', 'Name the tenant whose history to export', [{ path: 'tenantId', message: 'Required for agency roles' }]);
      const lines = tenantExport(store, async () => (audit ? audit.anchors.list() : []), tenantId);
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="adledger-${tenantId}-history-${day}.jsonl"`);
      return reply.type('application/x-ndjson').send(Readable.from(lines));
    },
  });
}

import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Router } from '../http/route.ts';
import type { Metrics } from '../metrics.ts';
import type { ReadSide } from './queries.ts';

const CHECK_TIMEOUT_MS = 2000;
const READY_LAG_EVENTS = 1000;

type Check = { ok: boolean; detail: string };

async function check(work: () => Promise<string>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)));
  try {
    return { ok: true, detail: await Promise.race([work(), timeout]) };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(routes: Router, store: EventStore, readSide: (ReadSide & { readonly collections: readonly string[] }) | undefined, metrics: Metrics): void {
  routes.route({
    method: 'GET',
    url: '/health',
    summary: 'Liveness: the process serves requests',
    tags: ['health'],
    access: 'public',
    async handler() {
      return { status: 'ok', eventStore: store.name, head: String(await store.headPosition()) };
    },
  });

  routes.route({
    method: 'GET',
    url: '/health/ready',
    summary: 'Readiness per port: event store, document store, projections caught up',
    tags: ['health'],
    access: 'public',
    responses: { 503: 'Not ready: see which check failed' },
    async handler({ reply }) {
      const checks: Record<string, Check> = { eventStore: await check(async () => `${store.name}, head ${await store.headPosition()}`) };
      if (readSide) {
        checks.documentStore = await check(async () => `${readSide.docs.name}, tenants generation ${await readSide.docs.activeGeneration('tenants')}`);
        const statuses = readSide.daemon.status();
        const behind = [
          ...readSide.collections.filter((name) => !statuses.some((s) => s.name === name)).map((name) => `${name}: not running`),
          ...statuses.filter((s) => s.state !== 'live' || (s.lagEvents ?? 0) > READY_LAG_EVENTS).map((s) => `${s.name}: ${s.state}, ${s.lagEvents ?? '?'} events behind`),
        ];
        checks.projections = { ok: behind.length === 0, detail: behind.length === 0 ? 'every projection is live' : behind.join('; ') };
      }
      const ready = Object.values(checks).every((c) => c.ok);
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  });

  routes.route({
    method: 'GET',
    url: '/metrics',
    summary: 'Prometheus metrics: request latency, command outcomes, projection lag',
    tags: ['health'],
    access: ['agency-admin', 'agency-user'],
    async handler({ reply }) {
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  });
}

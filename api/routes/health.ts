import { agencyRoles } from '../../domain/shared/roles.ts';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Router } from '../http/route.ts';
import type { Metrics } from '../metrics.ts';
import type { ReadSide } from './queries.ts';
import type { ProjectionStatus } from '../../projections/runtime/daemon.ts';

const CHECK_TIMEOUT_MS = 2000;
const READY_LAG_EVENTS = 1000;
const READY_LAG_MS_ELSEWHERE = 15_000;

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

// Probes write, so they run at most once per PROBE_EVERY_MS; readiness polls in between
// get the last answer.
const PROBE_EVERY_MS = 1000;

function cachedProbe(port: string, probe: () => Promise<void>): () => Promise<Check> {
  let last: { at: number; result: Promise<Check> } | undefined;
  return () => {
    if (last && Date.now() - last.at < PROBE_EVERY_MS) return last.result;
    const result = check(async () => {
      try {
        await probe();
        return `${port} takes writes`;
      } catch (error) {
        // The driver's code names the trouble for ops (SQLITE_FULL…); its text stays in the log.
        const cause = (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
        throw new Error(`${port} cannot take writes${typeof cause === 'string' ? ` (${cause})` : ''}`);
      }
    });
    last = { at: Date.now(), result };
    return result;
  };
}

// A projection this process runs is ready when live; one another process runs, as far as the
// checkpoints it commits say: not far behind, and not behind for long (no one applying).
const lagging = (s: ProjectionStatus): boolean =>
  s.runBy === undefined
    ? s.state !== 'live' || (s.lagEvents ?? 0) > READY_LAG_EVENTS
    : s.state === 'retrying' || s.state === 'starting' || (s.lagEvents ?? 0) > READY_LAG_EVENTS || s.lagMs > READY_LAG_MS_ELSEWHERE;

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

  const probeEvents = cachedProbe(`event store (${store.name})`, () => store.probe());
  const probeDocs = readSide ? cachedProbe(`document store (${readSide.docs.name})`, () => readSide.docs.probe()) : undefined;
  routes.route({
    method: 'GET',
    url: '/health/ready',
    summary: 'Readiness per port: each store takes a write, projections caught up',
    tags: ['health'],
    access: 'public',
    responses: { 503: 'Not ready: see which check failed' },
    async handler({ reply }) {
      const checks: Record<string, Check> = { eventStore: await probeEvents() };
      if (readSide) {
        checks.documentStore = await probeDocs!();
        const statuses = readSide.daemon.status();
        const behind = [
          ...readSide.collections.filter((name) => !statuses.some((s) => s.name === name)).map((name) => `${name}: not running`),
          ...statuses.filter(lagging).map((s) => `${s.name}: ${s.state}${s.runBy ? ` (run by ${s.runBy})` : ''}, ${s.lagEvents ?? '?'} events behind`),
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
    access: agencyRoles,
    async handler({ reply }) {
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  });
}

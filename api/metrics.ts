// Prometheus metrics, in a registry of this server's own (so tests and several servers in
// one process do not share counters).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { ProjectionStatus } from '../projections/runtime/daemon.ts';
import type { CommandOutcome } from './routes/commands.ts';

export interface Metrics {
  readonly registry: Registry;
  commandOutcome(type: string, outcome: CommandOutcome): void;
}

export function metrics(app: FastifyInstance, sources: { projections?: () => readonly ProjectionStatus[]; websocket?: () => { connections: number; dropped: number } }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'adledger_' });
  const requests = new Histogram({
    name: 'adledger_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const commands = new Counter({ name: 'adledger_commands_total', help: 'Commands by type and outcome', labelNames: ['type', 'outcome'], registers: [registry] });
  const projections = sources.projections;
  if (projections) {
    const gauge = (name: string, help: string, value: (s: ProjectionStatus) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [registry],
        collect() {
          this.reset();
          for (const s of projections()) {
            const v = value(s);
            if (v !== null) this.set({ projection: s.name }, v);
          }
        },
      });
    gauge('adledger_projection_lag_events', 'Events the projection has yet to apply', (s) => s.lagEvents);
    gauge('adledger_projection_lag_seconds', 'Age of the newest event the projection has not applied', (s) => s.lagMs / 1000);
    gauge('adledger_projection_position', 'Last log position the projection applied', (s) => Number(s.position));
    gauge('adledger_projection_parked_events', 'Events the projection could not apply', (s) => s.parked);
    gauge('adledger_projection_retrying', '1 while the projection backs off after an error (a store fault, mostly)', (s) => (s.state === 'retrying' ? 1 : 0));
    gauge('adledger_projection_retries', 'Errors the projection has retried since start', (s) => s.retries);
  }
  const websocket = sources.websocket;
  if (websocket) {
    new Gauge({ name: 'adledger_websocket_connections', help: 'Open console connections', registers: [registry], collect() { this.set(websocket().connections); } });
    new Gauge({ name: 'adledger_websocket_dropped_slow_total', help: 'Connections dropped for reading too slowly', registers: [registry], collect() { this.set(websocket().dropped); } });
  }

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids in paths would explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  return { registry, commandOutcome: (type, outcome) => commands.inc({ type, outcome }) };
}

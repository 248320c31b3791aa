// Runs every projection live, answers read-your-writes waits, and rebuilds a projection
// into a new generation beside the live one, switching readers when it has caught up.
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { Projection } from '../definitions/projection.ts';
import type { LiveFeed } from './liveFeed.ts';
import { startProjector, type Projector, type ProjectorStatus } from './projector.ts';
import { runRebuild, type RebuildProgress } from './rebuild.ts';
import { documentTarget, type ProjectionTarget } from './target.ts';

export interface DaemonOptions {
  readonly events: EventStore;
  readonly docs: ReadModelBackend;
  readonly projections: readonly Projection[]; // into the document store
  readonly targets?: readonly ProjectionTarget[]; // elsewhere (the reporting warehouse)
  readonly feed?: LiveFeed;
  readonly holder?: string;
  readonly batchSize?: number;
  // Told every error a projector retries (store faults, mostly), for the log.
  readonly onError?: (projection: string, error: unknown) => void;
}

export interface ProjectionDaemon {
  start(): Promise<void>;
  status(): ProjectionStatus[];
  // True once the named projections (by default the read models, what API reads are answered
  // from; never the warehouse, which may lag by design) are past `position`.
  waitFor(position: bigint, timeoutMs: number, names?: readonly string[]): Promise<boolean>;
  rebuild(name: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress>;
  stop(): Promise<void>;
}

export type ProjectionStatus = ProjectorStatus & { readonly rebuild?: RebuildProgress };

export function projectionDaemon(options: DaemonOptions): ProjectionDaemon {
  const holder = options.holder ?? `projector-${randomUUID()}`;
  const live = new Map<string, Projector>();
  const rebuilding = new Map<string, RebuildProgress>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  const targets = [...options.projections.map((p) => documentTarget(options.docs, p)), ...(options.targets ?? [])];
  const find = (name: string) => targets.find((t) => t.name === name);
  const startLive = (target: ProjectionTarget, generation: number, rebuild = false, ceiling?: () => bigint) =>
    startProjector({
      ...options,
      target,
      generation,
      holder,
      rebuild,
      onBatch: notify,
      onError: (error) => options.onError?.(target.name, error),
      ...(ceiling ? { ceiling } : {}),
    });

  let stopped = false;
  const startWhenReady = async (target: ProjectionTarget): Promise<void> => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await target.prepare();
        const generation = await target.activeGeneration();
        if (!stopped) live.set(target.name, startLive(target, generation));
        return;
      } catch (error) {
        options.onError?.(target.name, error);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  };

  const readModels = options.projections.map((p) => p.name);
  // A projection not started yet (its store not answering) is past nothing.
  const everyLivePast = (position: bigint, names: readonly string[]) => names.every((n) => (live.get(n)?.position() ?? -1n) >= position);

  return {
    async start() {
      stopped = false;
      await options.docs.prepare(options.projections.map((p) => ({ name: p.name, indexes: p.indexes })));
      for (const projection of options.projections) live.set(projection.name, startLive(find(projection.name)!, await options.docs.activeGeneration(projection.name)));
      // Other stores (the warehouse) may not serve yet (another process holds the DuckDB file):
      // the read models start regardless, and these start once their store answers.
      const others = (options.targets ?? []).map((t) => startWhenReady(t));
      await Promise.race([Promise.all(others), new Promise((r) => setTimeout(r, 2000))]);
      await Promise.all([...live.values()].map((p) => p.ready));
    },
    status: () =>
      [...live.values()].map((p) => {
        const status = p.status();
        const rebuild = rebuilding.get(status.name);
        return rebuild ? { ...status, rebuild } : status;
      }),
    async waitFor(position, timeoutMs, names = readModels) {
      if (everyLivePast(position, names)) return true;
      return new Promise<boolean>((resolve) => {
        const check = () => {
          if (!everyLivePast(position, names)) return;
          finish(true);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(ok);
        };
        waiters.add(check);
      });
    },
    async rebuild(name, onProgress) {
      const target = find(name);
      const current = live.get(name);
      if (!target || !current) throw Object.assign(new Error(`There is no projection ${name}`), { code: 'projection.not_found' });
      if (rebuilding.has(name)) throw Object.assign(new Error(`${name} is already rebuilding`), { code: 'projection.rebuilding' });
      const report = (p: RebuildProgress) => {
        rebuilding.set(name, p);
        onProgress?.(p);
      };
      try {
        const progress = await runRebuild({
          events: options.events,
          target,
          live: current,
          start: (generation, ceiling) => startLive(target, generation, true, ceiling),
          onProgress: report,
        });
        live.set(name, startLive(target, progress.generation));
        return progress;
      } finally {
        rebuilding.delete(name);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all([...live.values()].map((p) => p.stop()));
      live.clear();
    },
  };
}

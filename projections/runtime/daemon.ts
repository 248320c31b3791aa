// Runs every projection live, answers read-your-writes waits, and rebuilds projections into
// new generations beside the live ones, switching readers when they have caught up. The read
// models run as one group (one read of the log, one commit per batch); each other target (the
// warehouse) as its own, so a slow warehouse never holds back what the API reads.
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend, RebuildRequest } from '../../readmodels/documents/port.ts';
import type { Projection } from '../definitions/projection.ts';
import type { LiveFeed } from './liveFeed.ts';
import { committedProgress, type CommittedProgress } from './committedProgress.ts';
import { runsElsewhere } from './observedDaemon.ts';
import { startProjector, type MemberOptions, type Projector, type ProjectorStatus } from './projector.ts';
import { runRebuild, type RebuildProgress } from './rebuild.ts';
import { DROP_GRACE_MS, generationRetirement } from './retireGenerations.ts';
import { documentGroup, documentTarget, singleGroup, type ProjectionTarget, type TargetGroup } from './target.ts';

export interface DaemonOptions {
  readonly events: EventStore;
  readonly docs: ReadModelBackend;
  readonly projections: readonly Projection[]; // into the document store
  readonly targets?: readonly ProjectionTarget[]; // elsewhere (the reporting warehouse)
  readonly feed?: LiveFeed;
  readonly holder?: string;
  readonly batchSize?: number;
  readonly dropGraceMs?: number; // how long an old generation outlives the switch (retireGenerations.ts)
  // Told every error a projector retries (store faults, mostly), for the log.
  readonly onError?: (projection: string, error: unknown) => void;
  // A rebuild another process asked for (docs.requestRebuild), taken here as the lease holder.
  readonly onRequestedRebuild?: (projection: string, request: RebuildRequest, outcome: 'started' | RebuildProgress | Error) => void;
}

export interface ProjectionDaemon {
  // 'elsewhere': this process runs no projector (an API instance); rebuilds are refused here.
  readonly rebuilds: 'here' | 'elsewhere';
  // How far this process's projector has pushed a projection it runs now (undefined: another
  // process runs it, or none).
  pushedUpTo(name: string): bigint | undefined;
  start(): Promise<void>;
  status(): ProjectionStatus[];
  // True once the named projections (by default the read models, what API reads are answered
  // from; never the warehouse, which may lag by design) are past `position`.
  waitFor(position: bigint, timeoutMs: number, names?: readonly string[]): Promise<boolean>;
  rebuild(name: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress>;
  // Every projection at once: the read models in one group, each other target beside it.
  rebuildAll(onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress[]>;
  stop(): Promise<void>;
}

export type ProjectionStatus = ProjectorStatus & { readonly rebuild?: RebuildProgress };

const REQUEST_POLL_MS = 1000;
const rebuildingError = (name: string) => Object.assign(new Error(`${name} is already rebuilding`), { code: 'projection.rebuilding' });

export function projectionDaemon(options: DaemonOptions): ProjectionDaemon {
  const holder = options.holder ?? `projector-${randomUUID()}`;
  const readModels = options.projections.map((p) => p.name);
  const documentTargets = options.projections.map((p) => documentTarget(options.docs, p));
  const others = options.targets ?? [];
  const targets = [...documentTargets, ...others];
  const find = (name: string) => targets.find((t) => t.name === name);
  const projectors = new Set<Projector>();
  const owner = new Map<string, Projector>(); // the live projector of each projection
  const rebuilding = new Map<string, RebuildProgress>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  // Read models rebuilt together share a group; any other target is a group of its own.
  const groupOf = (names: readonly string[]): TargetGroup =>
    names.every((n) => readModels.includes(n)) ? documentGroup(options.docs, options.projections.filter((p) => names.includes(p.name))) : singleGroup(find(names[0]!)!);
  const start = (group: TargetGroup, members: readonly MemberOptions[], rebuild = false): Projector => {
    const projector = startProjector({
      ...options,
      group,
      members,
      holder,
      rebuild,
      onBatch: notify,
      onError: (error) => options.onError?.(group.name, error),
    });
    if (!rebuild) {
      projectors.add(projector);
      for (const m of members) owner.set(m.target.name, projector);
    }
    return projector;
  };

  const retirement = generationRetirement(options.dropGraceMs ?? DROP_GRACE_MS, (name, error) => options.onError?.(name, error));
  const retire = retirement.retire;

  let stopped = false;
  const startWhenReady = async (target: ProjectionTarget): Promise<void> => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await target.prepare();
        const generation = await target.activeGeneration();
        if (stopped) return;
        start(singleGroup(target), [{ target, generation }]);
        retire(target, generation - 1);
        return;
      } catch (error) {
        options.onError?.(target.name, error);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  };

  // A projection this process holds is as far as its projector; one whose lease another
  // process holds, as far as the checkpoint that process committed (read on demand).
  let committed: CommittedProgress | undefined;
  // Its read failures show in its rows (`retrying`); the projectors' own retries are what the log is told.
  const observed = () => (committed ??= committedProgress({ docs: options.docs, events: options.events, names: readModels }));
  const heldHere = (n: string) => owner.get(n)?.holds(n) ?? false;
  const waitsForLease = (n: string) => owner.get(n)?.status().some((s) => s.name === n && s.state === 'waiting_for_lease') ?? false;
  const pastHere = (position: bigint, n: string) => {
    const p = owner.get(n);
    return p !== undefined && p.names().includes(n) && p.position(n) >= position;
  };
  const everyPast = (position: bigint, names: readonly string[]) => names.every((n) => pastHere(position, n) || (!heldHere(n) && (committed?.position(n) ?? -1n) >= position));

  const rebuildTogether = async (names: readonly string[], onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress[]> => {
    const live = owner.get(names[0]!);
    if (!live || names.some((n) => owner.get(n) !== live)) throw Object.assign(new Error(`There is no projection ${names.join(', ')}`), { code: 'projection.not_found' });
    // The switch-over stops the live projector at its position: one that another process's
    // lease keeps waiting has none to stop at (it would trail a stale position for ever).
    const elsewhere = names.find(waitsForLease);
    if (elsewhere) throw runsElsewhere(elsewhere);
    const busy = names.find((n) => rebuilding.has(n));
    if (busy) throw rebuildingError(busy);
    const group = groupOf(names);
    try {
      return await runRebuild({
        events: options.events,
        targets: names.map((n) => find(n)!),
        live,
        start: (members) => start(group, members, true),
        retire,
        onProgress: (p) => {
          rebuilding.set(p.name, p);
          onProgress?.(p);
        },
      });
    } finally {
      for (const n of names) rebuilding.delete(n);
    }
  };

  // Rebuilds asked for elsewhere: the holder of a projection's lease takes the request and runs it.
  const requested = new Set<string>();
  let takingRequests = false;
  const takeRequests = async () => {
    if (takingRequests) return;
    takingRequests = true;
    try {
      for (const name of targets.map((t) => t.name)) {
        if (stopped || !heldHere(name) || rebuilding.has(name) || requested.has(name)) continue;
        const request = await options.docs.takeRebuildRequest(name);
        if (!request) continue;
        requested.add(name);
        options.onRequestedRebuild?.(name, request, 'started');
        rebuildTogether([name]).then(
          ([progress]) => options.onRequestedRebuild?.(name, request, progress!),
          (error: unknown) => options.onRequestedRebuild?.(name, request, error instanceof Error ? error : new Error(String(error))),
        ).finally(() => requested.delete(name));
      }
    } catch (error) {
      options.onError?.('rebuild requests', error);
    } finally {
      takingRequests = false;
    }
  };
  let requestPoll: ReturnType<typeof setInterval> | undefined;

  return {
    rebuilds: 'here',
    pushedUpTo: (n) => (heldHere(n) ? owner.get(n)!.emittedUpTo(n) : undefined),
    async start() {
      stopped = false;
      await options.docs.prepare(options.projections.map((p) => ({ name: p.name, indexes: p.indexes })));
      if (documentTargets.length > 0) {
        const members = [];
        for (const target of documentTargets) members.push({ target, generation: await target.activeGeneration() });
        start(documentGroup(options.docs, options.projections), members);
        for (const m of members) retire(m.target, m.generation - 1);
      }
      // Other stores (the warehouse) may not serve yet (another process holds the DuckDB file):
      // the read models start regardless, and these start once their store answers.
      const later = others.map((t) => startWhenReady(t));
      await Promise.race([Promise.all(later), new Promise((r) => setTimeout(r, 2000))]);
      await Promise.all([...projectors].map((p) => p.ready));
      requestPoll ??= setInterval(() => void takeRequests(), REQUEST_POLL_MS).unref();
    },
    status() {
      const rows = [...projectors].flatMap((p) => p.status());
      // Waiting for a lease another process holds: how far that process has committed (the
      // observer's rows read once per call: the ops channel and readiness ask every second).
      const waiting = rows.some((r) => !rebuilding.has(r.name) && r.state === 'waiting_for_lease' && readModels.includes(r.name));
      const committedRows = waiting ? observed().status() : [];
      return rows.map((status) => {
        const rebuild = rebuilding.get(status.name);
        if (rebuild) return { ...status, rebuild };
        if (status.state !== 'waiting_for_lease' || !readModels.includes(status.name)) return status;
        const there = committedRows.find((s) => s.name === status.name);
        if (!there || there.state === 'starting') return status;
        const { position, head, lagEvents, lagMs, generation } = there;
        return { ...status, generation, position, head, lagEvents, lagMs, runBy: 'another process' as const };
      });
    },
    async waitFor(position, timeoutMs, names = readModels) {
      if (everyPast(position, names)) return true;
      // Only read models have checkpoints the observer reads (the warehouse keeps its own).
      const elsewhere = names.filter((n) => readModels.includes(n) && !heldHere(n) && !pastHere(position, n));
      return new Promise<boolean>((resolve) => {
        const check = () => {
          if (everyPast(position, names)) finish(true);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(ok);
        };
        waiters.add(check);
        if (elsewhere.length > 0) void observed().waitFor(position, timeoutMs, elsewhere).then(check);
      });
    },
    async rebuild(name, onProgress) {
      if (!find(name) || !owner.has(name)) throw Object.assign(new Error(`There is no projection ${name}`), { code: 'projection.not_found' });
      const [progress] = await rebuildTogether([name], onProgress);
      return progress!;
    },
    async rebuildAll(onProgress) {
      const groups = [readModels.filter((n) => owner.has(n)), ...others.filter((t) => owner.has(t.name)).map((t) => [t.name])].filter((g) => g.length > 0);
      return (await Promise.all(groups.map((names) => rebuildTogether(names, onProgress)))).flat();
    },
    async stop() {
      stopped = true;
      clearInterval(requestPoll);
      requestPoll = undefined;
      retirement.stop();
      await Promise.all([...projectors].map((p) => p.stop()));
      projectors.clear();
      owner.clear();
      await committed?.stop();
      committed = undefined;
    },
  };
}

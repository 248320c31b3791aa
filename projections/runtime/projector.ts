// Runs a group of projections (each into one generation) off one read of the log: holds each
// member's lease, reads from the lowest member checkpoint, hands every batch to all members
// at once (each applies what lies past its own position), commits them together, and starts
// over from the checkpoints by itself when the subscription fails.
import type { EventStore, RecordedEvent } from '../../connectors/eventstore/port.ts';
import { START } from '../../connectors/eventstore/port.ts';
import type { ReadModelBackend } from '../../readmodels/documents/port.ts';
import type { BatchOutcome } from './applyBatch.ts';
import type { MemberBatch, ProjectionTarget, TargetGroup } from './target.ts';
import { eventBuffer } from './eventBuffer.ts';
import type { LiveFeed } from './liveFeed.ts';
import { memberStatus, projectorFailure, type ProjectorState, type ProjectorStatus } from './projectorStatus.ts';
import { rateMeter } from './rate.ts';
import { pauseFor } from './pause.ts';

export type { ProjectorState, ProjectorStatus } from './projectorStatus.ts';

export interface MemberOptions {
  readonly target: ProjectionTarget;
  readonly generation: number;
  readonly ceiling?: () => bigint; // never apply past this position (a rebuild trails the live generation)
}

export interface ProjectorOptions {
  readonly events: EventStore;
  readonly docs: ReadModelBackend; // holds the leases, whatever the targets
  readonly group: TargetGroup;
  readonly members: readonly MemberOptions[];
  readonly holder: string;
  readonly rebuild?: boolean; // a rebuild emits nothing
  readonly feed?: LiveFeed;
  readonly batchSize?: number;
  readonly leaseTtlMs?: number;
  readonly onBatch?: () => void;
  readonly onError?: (error: unknown) => void; // for the log; the projector retries by itself
}

export interface Projector {
  readonly ready: Promise<void>; // every member's checkpoint has been read
  names(): readonly string[];
  position(name: string): bigint;
  holds(name: string): boolean; // this process holds its lease (else another process applies it)
  emittedUpTo(name: string): bigint;
  status(): ProjectorStatus[];
  wake(): void;
  // Stops applying one member (after the batch in flight) and hands back where it stopped.
  detach(name: string): Promise<bigint>;
  attach(member: MemberOptions): void;
  stop(): Promise<void>;
}

export interface Member extends MemberOptions {
  generation: number; // moves when another process has switched readers to a new one
  position: bigint;
  emitted: bigint;
  held: boolean;
  parked: number;
  lastRecordedAt: string | undefined;
  handles: ReadonlySet<string> | 'all';
}

const recordedAtOf = (e: RecordedEvent | undefined): string | undefined => (e ? String(e.metadata.recordedAt ?? e.created) : undefined);
const MAX_BACKOFF_MS = 5000;
const CHECKPOINT_EVERY_MS = 1000;
const NEVER = 1n << 62n;

export function startProjector(options: ProjectorOptions): Projector {
  const { events, docs, group, holder } = options;
  const batchSize = group.batchSize ?? options.batchSize ?? 2000;
  const ttl = options.leaseTtlMs ?? 10_000;
  const members = new Map<string, Member>();
  const leaseKey = (m: Member) => (options.rebuild ? `${m.target.name}#g${m.generation}` : m.target.name);
  const rate = rateMeter();
  let state: ProjectorState = 'starting';
  let head = START;
  let stopped = false;
  let restart = false; // a member joined: read again from the lowest checkpoint
  let wake: () => void = () => {};
  let inFlight: Promise<unknown> = Promise.resolve();
  const failure = projectorFailure();
  // Once a batch has failed, the status says `retrying` until one commits: a retry that hangs
  // on a store that is gone is not catching up, and readiness must not flap while it does.
  const enter = (next: ProjectorState) => {
    state = failure.attempt() >= 0 ? 'retrying' : next;
  };

  const add = (m: MemberOptions) =>
    members.set(m.target.name, { ...m, position: START, emitted: START, held: false, parked: 0, lastRecordedAt: undefined, handles: m.target.handles === 'all' ? 'all' : new Set(m.target.handles) });
  for (const m of options.members) add(m);
  const running = () => [...members.values()].filter((m) => m.held);
  const ceilingOf = (m: Member) => m.ceiling?.() ?? NEVER;
  const wants = (m: Member, type: string) => m.handles === 'all' || m.handles.has(type);
  const lowest = () => running().reduce((low, m) => (m.position < low ? m.position : low), NEVER);

  // Takes (or renews) every member's lease; true while at least one is held. A member newly
  // held has its checkpoint read and makes the read start over from the lowest position.
  // Lease calls never overlap (the loop's claims and the clock's renewals): two acquires of one
  // key by one holder at once could see each other's write and report the lease lost.
  let leaseCalls: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = leaseCalls.then(work, work);
    leaseCalls = next.catch(() => undefined);
    return next;
  };
  const claimLeases = () => serially(claimEveryLease);
  async function claimEveryLease(): Promise<boolean> {
    for (const m of members.values()) {
      const had = m.held;
      m.held = await docs.acquireLease(leaseKey(m), holder, ttl);
      const moved = m.held && !options.rebuild && (await followActiveGeneration(m));
      if ((m.held && !had) || moved) {
        m.position = (await m.target.checkpoint(m.generation)) ?? START;
        if (m.emitted < m.position) m.emitted = m.position; // what came before the checkpoint is history, not news
        restart = true;
      }
    }
    leaseCheckedAt = Date.now();
    if (restart) options.onBatch?.(); // waiters may already be past a joining member's checkpoint
    return running().length > 0;
  }
  let leaseCheckedAt = 0;

  // A live member applies the generation readers read. Another process may have rebuilt and
  // switched while this one waited for the lease (or lost it for a moment): applying the
  // generation it started with would write into a dropped collection (MongoDB recreates it,
  // without indexes) while the active one stops advancing. Checked whenever leases are.
  async function followActiveGeneration(m: Member): Promise<boolean> {
    const active = await m.target.activeGeneration();
    if (active === m.generation) return false;
    m.generation = active;
    return true;
  }

  // Leases are claimed by the clock too, not only after batches: on a quiet log a holder that
  // renewed per batch lost its leases to a standby after one TTL (and both then applied the next
  // event), and a standby that held some members never claimed the rest until events came. A
  // member newly held makes the read start over from the lowest checkpoint.
  let renewing = false;
  async function renewHeld(): Promise<void> {
    if (renewing || stopped) return;
    renewing = true;
    try {
      await claimLeases();
      if (restart) wake();
    } catch {
      // The store is not answering: the loop's own reads and writes fail and say so.
    } finally {
      renewing = false;
    }
  }
  const renewal = setInterval(() => void renewHeld(), ttl / 3);
  renewal.unref();

  async function holdLeases(): Promise<boolean> {
    while (!stopped) {
      if (await claimLeases()) return true;
      state = 'waiting_for_lease';
      await pause(ttl / 3);
    }
    return false;
  }

  // Applies one batch to every running member and commits them at once; false when the read
  // must start over (a lease lost or a member joined). Live, most batches hold no event a
  // member handles: nothing to write. Their checkpoint goes with the next real batch, within
  // CHECKPOINT_EVERY_MS, or at stop; a crash before then only re-reads ignored events.
  async function commit(batch: readonly RecordedEvent[], idle: boolean, scannedTo?: bigint, mayDefer = false): Promise<boolean> {
    const last = batch[batch.length - 1]?.position ?? START;
    const end = scannedTo !== undefined && scannedTo > last ? scannedTo : last;
    const shares: MemberBatch[] = [];
    const sharers: Member[] = [];
    for (const m of running()) {
      const upTo = end < ceilingOf(m) ? end : ceilingOf(m);
      if (upTo <= m.position) continue;
      shares.push({ target: m.target, generation: m.generation, after: m.position, upTo });
      sharers.push(m);
    }
    const handled = batch.some((e) => sharers.some((m, i) => e.position > shares[i]!.after && e.position <= shares[i]!.upTo && wants(m, e.type)));
    const defer = mayDefer && !handled && Date.now() - savedAt < CHECKPOINT_EVERY_MS;
    let outcomes: ReadonlyMap<string, BatchOutcome> = new Map();
    if (!defer && shares.length > 0) {
      const applying = group.apply(batch, shares);
      inFlight = applying.catch(() => undefined);
      outcomes = await applying;
      savedAt = Date.now();
    }
    unsaved = defer ? unsaved || shares.length > 0 : false;
    sharers.forEach((m, i) => {
      if (m.generation !== shares[i]!.generation) return; // moved meanwhile: its position was read anew
      const outcome = outcomes.get(m.target.name);
      m.position = shares[i]!.upTo;
      m.parked += outcome?.parked ?? 0;
      m.lastRecordedAt = outcome?.lastRecordedAt ?? recordedAtOf(batch[batch.length - 1]) ?? m.lastRecordedAt;
      if (!options.rebuild && outcome) options.feed?.publish(outcome.feed);
      m.emitted = m.position;
    });
    if (end > head || idle) head = await events.headPosition();
    rate.add(batch.length);
    failure.recovered();
    if (state === 'retrying') enter(options.rebuild ? 'rebuilding' : 'catching_up');
    options.onBatch?.();
    if (restart) return false;
    if (Date.now() - leaseCheckedAt <= ttl / 3) return true;
    return (await claimLeases()) && !restart;
  }
  let savedAt = Date.now();
  let unsaved = false; // checkpoints lag positions over deferred batches

  async function saveDeferred(): Promise<void> {
    if (!unsaved) return;
    for (const m of running()) await m.target.saveCheckpoint(m.generation, m.position);
    unsaved = false;
  }

  // Where reading can stop: past the highest member ceiling no one applies anything.
  const topCeiling = () => running().reduce((top, m) => (ceilingOf(m) > top ? ceilingOf(m) : top), START);
  const readEnd = (head: bigint) => (topCeiling() < head ? topCeiling() : head);

  // Catch-up reads the log page by page from the lowest member position, only the event types
  // some member handles; once a page comes back short, the log was read to its head, and a
  // subscription takes over for live events.
  async function catchUp(): Promise<boolean> {
    enter(options.rebuild ? 'rebuilding' : 'catching_up');
    const types = running().every((m) => m.handles !== 'all') ? [...new Set(running().flatMap((m) => [...(m.handles as ReadonlySet<string>)]))] : undefined;
    for (;;) {
      const from = lowest();
      const end = readEnd(await events.headPosition());
      const page: RecordedEvent[] = [];
      let weight = 0;
      for await (const e of events.readAll({ after: from, maxCount: batchSize, ...(types ? { filter: { eventTypePrefixes: types } } : {}) })) {
        if (e.position > end) break;
        page.push(e);
        if (group.budget && (weight += group.budget.weigh(e)) >= group.budget.max) break;
      }
      const short = page.length < batchSize && !(group.budget && weight >= group.budget.max);
      if (stopped || (page.length === 0 && end <= from)) return true;
      if (!(await commit(page, short, short ? end : undefined))) return false;
      if (short) return true;
    }
  }

  async function follow(): Promise<void> {
    const subscription = events.subscribeAll({ after: lowest() });
    const buffer = eventBuffer(subscription, group.budget ? batchSize : batchSize * 4);
    wake = buffer.wake;
    try {
      while (!stopped && !restart) {
        enter(options.rebuild ? 'rebuilding' : lowest() < head ? 'catching_up' : 'live');
        const top = topCeiling();
        const batch = await buffer.take(batchSize, top === NEVER ? undefined : top, group.budget);
        if (batch.length === 0) {
          if (buffer.failure) throw buffer.failure;
          continue;
        }
        if (!(await commit(batch, buffer.idle, undefined, true))) return; // a lease lost, or a member joined
      }
    } finally {
      await subscription.close();
      await saveDeferred();
    }
  }

  // Nothing a store throws ends this loop (nor the process): leases, checkpoints, the log and
  // the batch are all retried with backoff, and the status says `retrying` and why.
  async function run(): Promise<void> {
    while (!stopped) {
      try {
        if (!readied) {
          for (const m of members.values()) m.position = (await m.target.checkpoint(m.generation)) ?? START;
          head = await events.headPosition();
          readied = true;
          markReady();
        }
        if (!(await holdLeases())) break;
        restart = false;
        head = await events.headPosition();
        if (await catchUp()) await follow();
      } catch (error) {
        state = 'retrying';
        failure.failed(error);
        options.onError?.(error);
        await pause(Math.min(MAX_BACKOFF_MS, 50 * 2 ** failure.attempt()));
      }
    }
    clearInterval(renewal);
    state = 'stopped';
    for (const m of members.values()) if (m.held) await docs.releaseLease(leaseKey(m), holder).catch(() => undefined);
  }
  let readied = false;
  // A backoff that stop() cuts short.
  const pause = (ms: number) => pauseFor(ms, (w) => (wake = w));

  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const done = run();
  const member = (name: string): Member => {
    const m = members.get(name);
    if (!m) throw new Error(`${name} is not run by ${group.name}`);
    return m;
  };
  return {
    ready,
    names: () => [...members.keys()],
    position: (name) => member(name).position,
    holds: (name) => members.get(name)?.held ?? false,
    emittedUpTo: (name) => member(name).emitted,
    status: () =>
      [...members.values()].map((m) => {
        const waiting = !m.held && state !== 'starting' && state !== 'stopped';
        return memberStatus(m, { state: waiting ? 'waiting_for_lease' : state, head, rate: rate.perSecond(), failure, gapFree: events.gapFreePositions });
      }),
    wake: () => wake(),
    async detach(name) {
      const m = member(name);
      members.delete(name);
      await inFlight;
      if (m.held) {
        if (unsaved) await m.target.saveCheckpoint(m.generation, m.position);
        await docs.releaseLease(leaseKey(m), holder).catch(() => undefined);
      }
      return m.emitted;
    },
    attach(m) {
      add(m);
      restart = true;
      leaseCheckedAt = 0;
      wake();
    },
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}

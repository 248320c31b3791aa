// Anchors by the clock: every few seconds the instance holding the `audit_anchor` lease
// looks at the log head and anchors it once enough time (minutes) or enough events have
// passed since the last anchor. The lease keeps two API instances from doubling the work;
// the anchor record's numbering keeps them from writing the same anchor twice.
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { AnchorStore } from '../../connectors/audit/anchors.ts';
import type { ChainKey } from '../../domain/shared/hashChain.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { anchorLog, type AnchorOutcome } from './anchorLog.ts';

export interface AnchorSchedule {
  readonly store: EventStore;
  readonly anchors: AnchorStore;
  readonly key: () => ChainKey;
  readonly lease: { acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>; releaseLease(name: string, holder: string): Promise<void> };
  readonly holder: string;
  readonly everyMinutes: number; // 0: not by time
  readonly everyEvents: number; // 0: not by count
  readonly checkMs?: number;
  readonly now?: () => Date;
  readonly onAnchor?: (outcome: AnchorOutcome) => void;
  readonly onError?: (error: unknown) => void;
}

const LEASE = 'audit_anchor';

export function startAnchoring(s: AnchorSchedule): { stop(): Promise<void>; tick(): Promise<void> } {
  const now = s.now ?? (() => new Date());
  const checkMs = s.checkMs ?? 15_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const due = async (): Promise<boolean> => {
    const last = await s.anchors.last();
    const head = await s.store.headPosition();
    if (head <= BigInt(last?.position ?? 0)) return false;
    if (!last) return true;
    const byTime = s.everyMinutes > 0 && now().getTime() - Date.parse(last.at) >= s.everyMinutes * 60_000;
    const byCount = s.everyEvents > 0 && head - BigInt(last.position) >= BigInt(s.everyEvents);
    return byTime || byCount;
  };
  const tick = async () => {
    if (!(await s.lease.acquireLease(LEASE, s.holder, checkMs * 4))) return;
    if (!(await due())) return;
    const outcome = await anchorLog(s.store, s.anchors, s.key(), { now });
    if (isDomainError(outcome)) return; // anchor.taken: another instance was first
    if (outcome.fresh) s.onAnchor?.(outcome);
  };
  const loop = () => {
    if (stopped) return;
    running = tick().catch((error: unknown) => s.onError?.(error));
    void running.then(() => {
      if (!stopped) timer = setTimeout(loop, checkMs);
    });
  };
  // Both measures off: anchors only on demand.
  let timer: NodeJS.Timeout | undefined = s.everyMinutes === 0 && s.everyEvents === 0 ? undefined : setTimeout(loop, checkMs);
  return {
    tick: () => tick(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await s.lease.releaseLease(LEASE, s.holder).catch(() => undefined);
    },
  };
}

// One walk over the log in position order (from the store, or from an export file): each
// in-scope event's stream chain, every event's step of the log chain, each anchor compared
// where it was taken. It yields to the event loop every few hundred events, so a server
// verifying a large log keeps answering other requests.
import type { Anchor } from '../../connectors/audit/anchors.ts';
import type { ChainBreak, ChainReport } from './chainBreaks.ts';
import { anchoredLog } from './anchoredLog.ts';
import { streamChains, type ChainedEvent, type KeyLookup } from './streamChains.ts';

export interface LogEntry {
  readonly position: bigint;
  readonly digest: string; // eventDigest of the event (the only thing an export keeps of other tenants')
  readonly event?: ChainedEvent; // present when its stream chain is to be checked
}

export interface LogVerification {
  readonly keys?: KeyLookup; // absent: keyed events cannot be checked (unknown_key), anchors neither
  readonly anchors?: readonly Anchor[];
  readonly gapFreePositions: boolean;
  readonly yieldEvery?: number;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function verifyLog(entries: AsyncIterable<LogEntry>, options: LogVerification): Promise<ChainReport> {
  const breaks: ChainBreak[] = [];
  const fail = (b: ChainBreak) => void breaks.push(b);
  const streams = streamChains(options.keys);
  const log = anchoredLog(options.keys ? (options.anchors ?? []) : [], (id) => options.keys?.byId(id), fail);
  const yieldEvery = options.yieldEvery ?? 500;
  let events = 0;
  let seen = 0;
  let last = 0n;
  for await (const entry of entries) {
    const where = entry.event ? { stream: entry.event.streamId, revision: String(entry.event.revision) } : {};
    // A hole in a gap-free log is a deleted event, whichever stream it belonged to.
    if (entry.position <= last) fail({ ...where, position: String(entry.position), problem: 'position_order', message: `Position ${entry.position} comes after ${last}` });
    else if (options.gapFreePositions && entry.position !== last + 1n) fail({ ...where, position: String(entry.position), problem: 'position_gap', message: `Positions ${last + 1n}..${entry.position - 1n} are missing from the log` });
    last = entry.position > last ? entry.position : last;
    log.step(entry.position, entry.digest);
    if (entry.event) {
      events++;
      streams.check(entry.event, fail);
    }
    if (++seen % yieldEvery === 0) await tick();
  }
  const checked = log.end();
  const lastAnchor = log.anchors.at(-1);
  return {
    ok: breaks.length === 0,
    streams: streams.streams(),
    events,
    head: String(last),
    anchors: { checked, ...(lastAnchor ? { last: { seq: lastAnchor.seq, position: lastAnchor.position, at: lastAnchor.at } } : {}) },
    breaks,
  };
}

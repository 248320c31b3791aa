// The server's resident memory, sampled from /proc while the soak runs, and the verdict on
// whether it stayed flat once warm.
import { readFileSync } from 'node:fs';

const MiB = 1024 * 1024;

export interface RssSample {
  readonly atSeconds: number;
  readonly rssMiB: number;
  readonly heapMiB?: number; // V8 heap in use, from the server's /metrics: tells a JS leak from native growth
}

// Why these bounds: once warm, the server's memory is held by structures bounded by design —
// the websocket hub's replay buffer (the last 10,000 changes), the SQLite page caches, the
// event store's known-stream-ends cache, DuckDB's buffer pool — and V8's heap. The heap is a
// sawtooth: under this load it grows by ~3–5 MiB/s for ~2 minutes, then a major collection
// drops RSS by ~300–400 MiB (measured: 955 -> 561 MiB). So RSS at one moment says little;
// what a leak raises is the troughs, the memory left after each major collection. The bound:
// after warm-up, the last trough may exceed the first by less than 64 MiB — the caches above
// are full by then, and a leak of one object per request (a listener, a closure, a cached
// answer) grows with the request rate for the whole run and passes it within minutes.
// A run too short to see two major collections after warm-up (CI's 60 s) is judged only
// coarsely: its peak may exceed the first sample after warm-up by less than 512 MiB (one
// sawtooth's height here, with room).
export const RSS_GROWTH_BOUND_MIB = 64;
export const RSS_PEAK_BOUND_MIB = 512;
const GC_DROP = 0.1; // a fall of 10% between two samples is a major collection

export interface RssVerdict {
  readonly samples: number;
  readonly warmupSeconds: number;
  readonly firstMiB: number; // at the first sample
  readonly warmMiB: number; // the first trough after warm-up (or the first sample after it)
  readonly lastMiB: number; // the last trough (or the peak, when judged by the peak)
  readonly maxMiB: number;
  readonly troughsMiB: readonly number[]; // RSS after each major collection, after warm-up
  readonly judgedBy: 'troughs' | 'peak';
  readonly growthMiB: number; // lastMiB - warmMiB
  readonly boundMiB: number;
  readonly heapWarmMiB?: number; // V8 heap in use at the first and last trough, where sampled
  readonly heapLastMiB?: number;
  readonly ok: boolean;
}

export interface RssSampler {
  stop(): RssSample[];
}

function rssOf(pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : (Number(kib) * 1024) / MiB;
  } catch {
    return undefined; // the process is gone, or no /proc here
  }
}

const tenthOf = (n: number) => Math.round(n * 10) / 10;

export function sampleRss(pid: number, everyMs: number, heapMiB: () => Promise<number | undefined> = async () => undefined): RssSampler {
  const started = Date.now();
  const samples: RssSample[] = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss === undefined) return;
    const sample: { atSeconds: number; rssMiB: number; heapMiB?: number } = { atSeconds: tenthOf((Date.now() - started) / 1000), rssMiB: tenthOf(rss) };
    samples.push(sample);
    void heapMiB().then((heap) => (heap === undefined ? undefined : (sample.heapMiB = tenthOf(heap))), () => undefined);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

// The bottom of each major collection's fall: a drop of GC_DROP or more, followed down while
// the samples keep falling (a collection's fall may span two samples).
function troughsOf(samples: readonly RssSample[]): RssSample[] {
  const out: RssSample[] = [];
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]!.rssMiB >= samples[i - 1]!.rssMiB * (1 - GC_DROP)) continue;
    while (i + 1 < samples.length && samples[i + 1]!.rssMiB < samples[i]!.rssMiB) i++;
    out.push(samples[i]!);
  }
  return out;
}

export function judgeRss(samples: readonly RssSample[], warmupSeconds: number): RssVerdict {
  const after = samples.filter((s) => s.atSeconds >= warmupSeconds);
  const troughs = troughsOf(after);
  const byTroughs = troughs.length >= 2;
  const first = byTroughs ? troughs[0]! : after[0];
  const last = byTroughs ? troughs.at(-1)! : after.reduce<RssSample | undefined>((peak, s) => (peak === undefined || s.rssMiB > peak.rssMiB ? s : peak), undefined);
  const growthMiB = first && last ? tenthOf(last.rssMiB - first.rssMiB) : 0;
  const boundMiB = byTroughs ? RSS_GROWTH_BOUND_MIB : RSS_PEAK_BOUND_MIB;
  return {
    samples: samples.length,
    warmupSeconds,
    firstMiB: samples[0]?.rssMiB ?? 0,
    warmMiB: first?.rssMiB ?? 0,
    lastMiB: last?.rssMiB ?? 0,
    maxMiB: Math.max(0, ...samples.map((s) => s.rssMiB)),
    troughsMiB: troughs.map((s) => s.rssMiB),
    judgedBy: byTroughs ? 'troughs' : 'peak',
    growthMiB,
    boundMiB,
    ...(first?.heapMiB !== undefined && last?.heapMiB !== undefined ? { heapWarmMiB: first.heapMiB, heapLastMiB: last.heapMiB } : {}),
    ok: after.length >= 4 && growthMiB < boundMiB,
  };
}

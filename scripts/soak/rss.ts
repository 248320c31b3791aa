// The server's resident memory, sampled from /proc while the soak runs, and the verdict on
// whether it stayed flat once warm.
import { readFileSync } from 'node:fs';

const MiB = 1024 * 1024;

export interface RssSample {
  readonly atSeconds: number;
  readonly rssMiB: number;
}

// Why this bound: once warm, the server's memory is held by structures that are bounded by
// design — the websocket hub's replay buffer (the last 10,000 changes, ~1–2 KiB each), the
// SQLite page caches (a few MiB per connection), the known-stream-ends cache of the event
// store, DuckDB's buffer pool for the warehouse (grows with the tables it scans) — and V8's
// heap, which settles at a size set by the garbage collector, not by how long it has run. So
// what warm-up leaves to fill is tens of MiB at most; a leak of one object per request (a
// listener, a closure, a cached answer) grows at the request rate for the whole run and
// passes the bound within minutes. Measured: see README "Guarantees".
export const RSS_GROWTH_BOUND_MIB = 64;

export interface RssVerdict {
  readonly samples: number;
  readonly warmupSeconds: number;
  readonly firstMiB: number; // at the first sample
  readonly warmMiB: number; // median of the first half after warm-up
  readonly lastMiB: number; // median of the second half after warm-up
  readonly maxMiB: number;
  readonly growthMiB: number; // lastMiB - warmMiB
  readonly boundMiB: number;
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

export function sampleRss(pid: number, everyMs: number): RssSampler {
  const started = Date.now();
  const samples: RssSample[] = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss !== undefined) samples.push({ atSeconds: Math.round((Date.now() - started) / 100) / 10, rssMiB: Math.round(rss * 10) / 10 });
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

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

// Medians, not single samples: a GC pause or a large answer moves one sample, not a half.
export function judgeRss(samples: readonly RssSample[], warmupSeconds: number): RssVerdict {
  const warm = samples.filter((s) => s.atSeconds >= warmupSeconds).map((s) => s.rssMiB);
  const half = Math.floor(warm.length / 2);
  const warmMiB = median(warm.slice(0, half));
  const lastMiB = median(warm.slice(half));
  const growthMiB = Math.round((lastMiB - warmMiB) * 10) / 10;
  return {
    samples: samples.length,
    warmupSeconds,
    firstMiB: samples[0]?.rssMiB ?? 0,
    warmMiB,
    lastMiB,
    maxMiB: Math.max(0, ...samples.map((s) => s.rssMiB)),
    growthMiB,
    boundMiB: RSS_GROWTH_BOUND_MIB,
    ok: warm.length >= 4 && growthMiB < RSS_GROWTH_BOUND_MIB,
  };
}

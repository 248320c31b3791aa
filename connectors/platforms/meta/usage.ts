// Meta's usage headers, read after every answer so the adapter slows down before Meta
// refuses (developers.facebook.com/docs/marketing-api/overview/rate-limiting):
//   x-business-use-case-usage: {"<business or account id>": [{"type": "ads_management",
//     "call_count": 28, "total_cputime": 15, "total_time": 24, "estimated_time_to_regain_access": 0}]}
//     (percentages; the regain estimate in minutes)
//   x-ad-account-usage: {"acc_id_util_pct": 9.67, "reset_time_duration": 100, "ads_api_access_tier": "standard_access"}
//     (reset_time_duration in seconds)
export type Headers = Readonly<Record<string, unknown>>;

export interface Usage {
  readonly percent: number; // the highest utilisation any header reports, 0-100
  readonly regainAccessMs?: number; // when Meta says access returns (blocked until then)
  readonly resetMs?: number; // when the ad account's usage window resets
}

const parse = (value: unknown): unknown => {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined; // a header we cannot read is no usage information, not a failure
  }
};
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function usageOf(headers: Headers | undefined): Usage | undefined {
  if (!headers) return undefined;
  const buc = parse(headers['x-business-use-case-usage']);
  const account = parse(headers['x-ad-account-usage']) as Record<string, unknown> | undefined;
  const entries = buc && typeof buc === 'object' ? Object.values(buc as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : [])) : [];
  if (entries.length === 0 && !account) return undefined;
  const percents = entries.flatMap((e) => [num(e.call_count), num(e.total_cputime), num(e.total_time)]);
  percents.push(num(account?.acc_id_util_pct));
  const regainMinutes = Math.max(0, ...entries.map((e) => num(e.estimated_time_to_regain_access) ?? 0));
  const resetSeconds = num(account?.reset_time_duration);
  return {
    percent: Math.max(0, ...percents.filter((p): p is number => p !== undefined)),
    ...(regainMinutes > 0 ? { regainAccessMs: regainMinutes * 60_000 } : {}),
    ...(resetSeconds !== undefined && resetSeconds > 0 ? { resetMs: Math.round(resetSeconds * 1000) } : {}),
  };
}

// How long a rate-limited caller should wait: Meta's regain estimate, else the account reset.
export function retryAfterMsOf(headers: Headers | undefined): number | undefined {
  const usage = usageOf(headers);
  return usage?.regainAccessMs ?? usage?.resetMs;
}

export interface UsageGate {
  // Before a call: how long to wait first (0 = go), or, while Meta has said access is cut
  // off, the remaining time, so the call fails fast instead of adding to the block.
  before(): { readonly waitMs: number } | { readonly blockedMs: number };
  after(headers: Headers | undefined): void;
  last(): Usage | undefined;
}

// Above `threshold` percent, calls are spaced `slowdownMs` apart (or by the account's reset
// time when that is shorter); a regain estimate blocks calls until it has passed.
export function usageGate(options: { readonly thresholdPercent: number; readonly slowdownMs: number; readonly now: () => number }): UsageGate {
  let latest: Usage | undefined;
  let blockedUntil = 0;
  let spacedUntil = 0;
  return {
    before() {
      const now = options.now();
      if (blockedUntil > now) return { blockedMs: blockedUntil - now };
      return { waitMs: Math.max(0, spacedUntil - now) };
    },
    after(headers) {
      const usage = usageOf(headers);
      if (!usage) return;
      latest = usage;
      const now = options.now();
      if (usage.regainAccessMs !== undefined) blockedUntil = Math.max(blockedUntil, now + usage.regainAccessMs);
      if (usage.percent >= options.thresholdPercent) spacedUntil = now + Math.min(options.slowdownMs, usage.resetMs ?? options.slowdownMs);
    },
    last: () => latest,
  };
}

import { benchmarkCurrency, benchmarkFor, type BenchmarkMetric } from './benchmarks.ts';
import type { Ratios } from './metrics.ts';

// The funnel of spec 003 §5.2 funnel-analyzer-agent: awareness (impressions, reach, CPM),
// consideration (clicks, CTR, CPC), conversion (conversions, CVR, CPA, revenue, ROAS).
export type FunnelStage = 'awareness' | 'consideration' | 'conversion';
export const funnelStages: readonly FunnelStage[] = ['awareness', 'consideration', 'conversion'];

export interface FunnelInput extends Ratios {
  readonly industry: string; // tenant KB business_context.industry (spec §6.3), e.g. 'ecommerce'
  readonly channel: string; // 'meta' | 'google_search' | 'google_display' (spec §6.2 keys)
  readonly currency: string | null;
}

// A stage is weak when one of its metrics is on the wrong side of a threshold:
// - the §6.2 benchmark for the industry and channel: rates below `low` (CTR, CVR, ROAS), costs
//   above `high` (CPC, CPM, CPL = CPA of a lead) — the far edge, so a finding is a clear one;
// - without a benchmark, the §5.2 analysis_framework: "If CTR is low (<1%)" and
//   "If CVR is low (<2% for ecom)" (the CVR rule for ecommerce only, as the spec says).
// A threshold is passed strictly: a CTR of exactly 1% is not low.
export interface FunnelCheck {
  readonly stage: FunnelStage;
  readonly metric: BenchmarkMetric;
  readonly value: number;
  readonly threshold: number;
  readonly direction: 'below' | 'above';
  readonly source: 'benchmark' | 'framework';
}

export interface FunnelAnalysis {
  readonly bottleneckStage: FunnelStage | null; // the first weak stage down the funnel; null when none is
  readonly weak: readonly FunnelCheck[];
  readonly skipped: readonly { readonly metric: BenchmarkMetric; readonly reason: 'no_value' | 'no_threshold' | 'currency' }[];
}

const checks: readonly { readonly stage: FunnelStage; readonly metric: BenchmarkMetric; readonly from: keyof Ratios; readonly good: 'higher' | 'lower'; readonly money: boolean }[] = [
  { stage: 'awareness', metric: 'cpm', from: 'cpm', good: 'lower', money: true },
  { stage: 'consideration', metric: 'ctr', from: 'ctr', good: 'higher', money: false },
  { stage: 'consideration', metric: 'cpc', from: 'cpc', good: 'lower', money: true },
  { stage: 'conversion', metric: 'cvr', from: 'cvr', good: 'higher', money: false },
  { stage: 'conversion', metric: 'cpl', from: 'cpa', good: 'lower', money: true },
  { stage: 'conversion', metric: 'roas', from: 'roas', good: 'higher', money: false },
];

const frameworkFloor = (industry: string, metric: BenchmarkMetric): number | undefined =>
  metric === 'ctr' ? 1 : metric === 'cvr' && industry === 'ecommerce' ? 2 : undefined;

export function analyseFunnel(input: FunnelInput): FunnelAnalysis {
  const weak: FunnelCheck[] = [];
  const skipped: FunnelAnalysis['skipped'][number][] = [];
  for (const c of checks) {
    const value = input[c.from];
    if (value === null) {
      skipped.push({ metric: c.metric, reason: 'no_value' });
      continue;
    }
    const range = benchmarkFor(input.industry, input.channel, c.metric);
    if (range && c.money && input.currency !== benchmarkCurrency) {
      skipped.push({ metric: c.metric, reason: 'currency' });
      continue;
    }
    const floor = range ? undefined : frameworkFloor(input.industry, c.metric);
    const threshold = range ? (c.good === 'higher' ? range.low : range.high) : floor;
    if (threshold === undefined) {
      skipped.push({ metric: c.metric, reason: 'no_threshold' });
      continue;
    }
    const direction = c.good === 'higher' ? 'below' : 'above';
    if (direction === 'below' ? value < threshold : value > threshold) {
      weak.push({ stage: c.stage, metric: c.metric, value, threshold, direction, source: range ? 'benchmark' : 'framework' });
    }
  }
  const bottleneckStage = funnelStages.find((s) => weak.some((w) => w.stage === s)) ?? null;
  return { bottleneckStage, weak, skipped };
}

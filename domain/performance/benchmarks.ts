// Industry benchmarks, spec 003 §6.2 "Industry Benchmarks KB" (knowledge/ads-metrics/benchmarks.json,
// last_updated 2026-01-01, sources: Meta Business Help Center, Google Ads Benchmarks, WordStream),
// copied value for value. Rates are percent (ctr, cvr) or a multiple (roas); money (cpc, cpm, cpl)
// is USD, as the spec's §6.1 typical ranges are, so money is compared only with USD figures.
export interface Range {
  readonly low: number;
  readonly median: number;
  readonly high: number;
}
export type BenchmarkMetric = 'ctr' | 'cpc' | 'cvr' | 'roas' | 'cpm' | 'cpl';
export type Channel = 'meta' | 'google_search' | 'google_display';
export type Industry = 'ecommerce' | 'lead_gen';

export const benchmarkCurrency = 'USD';

export const benchmarks: Readonly<Record<Industry, Partial<Record<Channel, Partial<Record<BenchmarkMetric, Range>>>>>> = {
  ecommerce: {
    meta: {
      ctr: { low: 0.5, median: 1.0, high: 2.0 },
      cpc: { low: 0.3, median: 0.7, high: 1.5 },
      cvr: { low: 1.0, median: 2.5, high: 5.0 },
      roas: { low: 1.5, median: 2.5, high: 4.0 },
    },
    google_search: {
      ctr: { low: 2.0, median: 3.5, high: 6.0 },
      cpc: { low: 0.5, median: 1.2, high: 3.0 },
      cvr: { low: 2.0, median: 3.5, high: 6.0 },
    },
    google_display: {
      ctr: { low: 0.2, median: 0.5, high: 1.0 },
      cpm: { low: 2.0, median: 5.0, high: 12.0 },
    },
  },
  lead_gen: {
    meta: {
      ctr: { low: 0.8, median: 1.5, high: 3.0 },
      cpl: { low: 5.0, median: 25.0, high: 100.0 },
    },
    google_search: {
      ctr: { low: 3.0, median: 5.0, high: 8.0 },
      cpl: { low: 10.0, median: 50.0, high: 200.0 },
    },
  },
};

export const benchmarkFor = (industry: string, channel: string, metric: BenchmarkMetric): Range | undefined =>
  (benchmarks as Record<string, Partial<Record<string, Partial<Record<BenchmarkMetric, Range>>>> | undefined>)[industry]?.[channel]?.[metric];

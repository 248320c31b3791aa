// Step 6's pure performance analysis: normalise a platform row, KPIs of a period and their
// comparison, anomaly rules, pacing and the overspend alert, the funnel bottleneck.
export * from './days.ts';
export * from './decimal.ts';
export * from './metrics.ts';
export * from './kpis.ts';
export * from './anomalies.ts';
export * from './pacing.ts';
export * from './benchmarks.ts';
export * from './funnel.ts';

import { isDomainError, type DomainError } from '../shared/errors.ts';
import type { Platform } from '../shared/values.ts';
import { addDays, daysFrom, previousPeriod, type Period } from './days.ts';
import { toUnits } from './decimal.ts';
import { compareKpis, periodKpis, type ComparedMetric, type KpiRow } from './kpis.ts';

export type Severity = 'high' | 'medium' | 'low';

// Spec 003 §5.2 anomaly-detector-agent "detection_rules" (and DESIGN §3 "Performance"):
// the % change of a period's KPI against the previous period of equal length.
export const anomalyRules = [
  { rule: 'roas_drop', metric: 'roas', thresholdPct: -20, severity: 'high' },
  { rule: 'cpa_increase', metric: 'cpa', thresholdPct: 25, severity: 'high' },
  { rule: 'ctr_drop', metric: 'ctr', thresholdPct: -15, severity: 'medium' },
  { rule: 'spend_spike', metric: 'spend', thresholdPct: 50, severity: 'medium' },
  { rule: 'impressions_drop', metric: 'impressions', thresholdPct: -30, severity: 'low' },
] as const satisfies readonly { rule: string; metric: ComparedMetric; thresholdPct: number; severity: Severity }[];
export type AnomalyRule = (typeof anomalyRules)[number]['rule'];

// How long a platform keeps restating a day (DESIGN §6: Meta insights settle after 28 days;
// Google Ads within the conversion window, 30 days unless the account says otherwise).
export const defaultLookbackDays: Partial<Record<Platform, number>> = { meta: 28, google_ads: 30 };

// A day D is settled once `lookbackDays` whole days have passed: today − D ≥ lookbackDays.
export const settledThrough = (today: string, lookbackDays: number): string => addDays(today, -lookbackDays);

// A rule fires AT its threshold: the spec writes the threshold as the change itself
// ("threshold": -20 for roas_drop; DESIGN "ROAS -20% high"), so a drop of exactly 20% is a
// 20% drop. Compared exactly on the 6-place KPI values, not on the rounded % shown.
function fires(thresholdPct: number, current: number, previous: number): boolean {
  const c = toUnits(current);
  const p = toUnits(previous);
  const t = BigInt(thresholdPct);
  return thresholdPct < 0 ? (c - p) * 100n <= t * p : (c - p) * 100n >= t * p;
}

export interface Anomaly {
  readonly rule: AnomalyRule;
  readonly metric: ComparedMetric;
  readonly severity: Severity;
  readonly thresholdPct: number;
  readonly current: number;
  readonly previous: number;
  readonly changePct: number; // rounded to 2 places, for people
}

export interface AnomalyInput {
  readonly rows: readonly KpiRow[]; // one scope: a platform, a campaign, or blended
  readonly period: Period;
  readonly today: string; // the tenant's day, an input: the domain reads no clock
  readonly lookbackDays: number; // e.g. defaultLookbackDays[platform]; for blended rows the longest
  readonly includeUnsettled?: boolean; // judge days the platform may still restate
}

export interface AnomalyReport {
  readonly requested: Period;
  // What was judged: `requested` ending at the last settled day, and the period of equal length before it.
  readonly judged: { readonly current: Period; readonly previous: Period } | null; // null: every requested day is unsettled
  readonly unsettledDaysLeftOut: number;
  readonly anomalies: readonly Anomaly[];
}

export function detectAnomalies(input: AnomalyInput): AnomalyReport | DomainError {
  const { period, rows } = input;
  const lastSettled = settledThrough(input.today, input.lookbackDays);
  const to = input.includeUnsettled || period.to <= lastSettled ? period.to : lastSettled;
  const leftOut = daysFrom(to < period.from ? addDays(period.from, -1) : to, period.to);
  if (to < period.from) return { requested: period, judged: null, unsettledDaysLeftOut: leftOut, anomalies: [] };
  const current = { from: period.from, to };
  const previous = previousPeriod(current);
  const now = periodKpis(rows, current);
  if (isDomainError(now)) return now;
  const before = periodKpis(rows, previous);
  if (isDomainError(before)) return before;
  const comparison = compareKpis(now, before);
  if (isDomainError(comparison)) return comparison;
  const anomalies: Anomaly[] = [];
  for (const r of anomalyRules) {
    const { current: c, previous: p, changePct } = comparison.metrics[r.metric];
    // No % change without a previous value above 0, and a ratio that vanished (e.g. no spend
    // left for ROAS) is not a change of that ratio: such rows are left to pacing and people.
    if (c === null || p === null || p === 0 || changePct === null) continue;
    if (fires(r.thresholdPct, c, p)) anomalies.push({ rule: r.rule, metric: r.metric, severity: r.severity, thresholdPct: r.thresholdPct, current: c, previous: p, changePct });
  }
  return { requested: period, judged: { current, previous }, unsettledDaysLeftOut: leftOut, anomalies };
}


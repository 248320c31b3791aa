import { formatMoney, formatNumber } from '../../format.ts';
import { changeTone, formatPct, meetsTarget, targetOf, type KpiAnswer, type MetricName } from '../../performance.ts';

// Cards show cents: the ratios are floats in units, and a sum in micros may have more digits.
const unitsToMoney = (units: number | null, currency: string | null) => (units === null ? '—' : formatMoney(Math.round(units * 100) * 10_000, currency));

type Card = { readonly metric: MetricName; readonly label: string; readonly show: (v: number | null, currency: string | null) => string };

const money = (v: number | null, c: string | null) => unitsToMoney(v, c);
const cards: readonly Card[] = [
  { metric: 'spend', label: 'Spend', show: money },
  { metric: 'conversions', label: 'Conversions', show: (v) => (v === null ? '—' : formatNumber(v, Number.isInteger(v) ? 0 : 1)) },
  { metric: 'revenue', label: 'Revenue', show: money },
  { metric: 'roas', label: 'ROAS', show: (v) => (v === null ? '—' : `${v.toFixed(2)}×`) },
  { metric: 'cpa', label: 'CPA', show: money },
  { metric: 'ctr', label: 'CTR', show: (v) => (v === null ? '—' : `${v.toFixed(2)} %`) },
  { metric: 'cpc', label: 'CPC', show: money },
];

// The period's headline numbers, each against the previous period of the same length:
// green when the change is good for the business (ROAS up), red when bad (CPA up).
export function KpiCards({ kpis }: { readonly kpis: KpiAnswer }) {
  const currency = kpis.current.currency;
  return (
    <ul class="kpi-cards" aria-label="Key figures">
      {cards.map(({ metric, label, show }) => {
        const m = kpis.comparison.metrics[metric];
        const value = m?.current ?? null;
        const tone = changeTone(metric, m?.change);
        const target = targetOf(metric, kpis.targets);
        const met = meetsTarget(metric, value, target);
        return (
          <li class="kpi-card" key={metric} data-testid="kpi-card" data-metric={metric} data-value={value ?? ''}>
            <span class="kpi-label">{label}</span>
            <span class="kpi-value" data-testid="kpi-value">
              {show(value, currency)}
            </span>
            <span class={`kpi-change kpi-${tone}`} title={`Previous period: ${show(m?.previous ?? null, currency)}`}>
              {m?.changePct === null || m?.changePct === undefined ? 'no previous figure' : `${formatPct(m.changePct)} vs previous`}
            </span>
            {target !== undefined ? (
              <span class={`kpi-target ${met ? 'kpi-good' : 'kpi-bad'}`} data-testid="kpi-target">
                Target {show(target, currency)}
                {met === undefined ? '' : met ? ' · met' : ' · missed'}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

// Funnel bottleneck (spec 003 §5.2 funnel-analyzer-agent) against the §6.2 industry benchmarks,
// falling back to the §5.2 analysis_framework thresholds (CTR < 1%, CVR < 2% for ecom).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { benchmarkFor } from '../../domain/performance/benchmarks.ts';
import { analyseFunnel, type FunnelInput } from '../../domain/performance/funnel.ts';

// Healthy for ecommerce on Meta: every metric inside its §6.2 range.
const healthy: FunnelInput = { industry: 'ecommerce', channel: 'meta', currency: 'USD', cpm: 8, ctr: 1.2, cpc: 0.7, cvr: 2.5, cpa: 28, roas: 2.5 };
const analyse = (over: Partial<FunnelInput>) => analyseFunnel({ ...healthy, ...over });
const weakMetrics = (over: Partial<FunnelInput>): string[] => analyse(over).weak.map((w) => `${w.stage}.${w.metric}`);

const t = suite('performance funnel: the first weak stage is the bottleneck');

t('given every metric inside its benchmark, then there is no bottleneck', () => {
  const a = analyse({});
  assert.equal({ bottleneck: a.bottleneckStage, weak: a.weak }, { bottleneck: null, weak: [] });
});

t('ecommerce on Meta: a CTR below 0.5 (the benchmark low) is a consideration bottleneck; 0.5 itself is not', () => {
  assert.equal(analyse({ ctr: 0.499999 }).weak, [{ stage: 'consideration', metric: 'ctr', value: 0.499999, threshold: 0.5, direction: 'below', source: 'benchmark' }]);
  assert.is(analyse({ ctr: 0.499999 }).bottleneckStage, 'consideration');
  assert.equal(weakMetrics({ ctr: 0.5 }), []);
});

t('ecommerce on Meta: CVR below 1.0 or ROAS below 1.5 is a conversion bottleneck', () => {
  assert.equal(weakMetrics({ cvr: 0.999999 }), ['conversion.cvr']);
  assert.equal(weakMetrics({ roas: 1.499999 }), ['conversion.roas']);
  assert.is(analyse({ roas: 1.4 }).bottleneckStage, 'conversion');
  assert.equal(weakMetrics({ cvr: 1, roas: 1.5 }), []);
});

t('a CPC above the benchmark high (1.50 USD) is weak in USD, and not judged in another currency', () => {
  assert.equal(weakMetrics({ cpc: 1.500001 }), ['consideration.cpc']);
  assert.equal(weakMetrics({ cpc: 1.5 }), []);
  const eur = analyse({ cpc: 9, currency: 'EUR' });
  assert.equal(eur.weak, []);
  assert.ok(eur.skipped.some((s) => s.metric === 'cpc' && s.reason === 'currency'), JSON.stringify(eur.skipped));
});

t('given weak stages up and down the funnel, then the bottleneck is the first one (display: CPM above 12, CTR below 0.2)', () => {
  const a = analyse({ channel: 'google_display', cpm: 12.000001, ctr: 0.1 });
  assert.equal(a.weak.map((w) => `${w.stage}.${w.metric}`), ['awareness.cpm', 'consideration.ctr']);
  assert.is(a.bottleneckStage, 'awareness');
});

t('lead gen on Meta: a cost per lead above 100 USD is a conversion bottleneck', () => {
  assert.equal(weakMetrics({ industry: 'lead_gen', cpa: 100.01 }), ['conversion.cpl']);
  assert.equal(weakMetrics({ industry: 'lead_gen', cpa: 100 }), []);
});

t('without a benchmark, the framework thresholds apply: CTR below 1%, and CVR below 2% for ecommerce only', () => {
  const travel = analyse({ industry: 'travel', ctr: 0.99, cvr: 0.5 });
  assert.equal(travel.weak, [{ stage: 'consideration', metric: 'ctr', value: 0.99, threshold: 1, direction: 'below', source: 'framework' }]);
  assert.ok(travel.skipped.some((s) => s.metric === 'cvr' && s.reason === 'no_threshold'), JSON.stringify(travel.skipped));
  assert.equal(weakMetrics({ industry: 'travel', ctr: 1 }), []);
  assert.equal(weakMetrics({ channel: 'tiktok', cvr: 1.999999 }), ['conversion.cvr']);
  assert.equal(weakMetrics({ channel: 'tiktok', cvr: 2 }), []);
});

t('a metric with no value (a zero denominator) is skipped, not judged', () => {
  const a = analyse({ cvr: null, cpa: null, roas: null });
  assert.equal(a.weak, []);
  assert.equal(a.skipped.filter((s) => s.reason === 'no_value').map((s) => s.metric), ['cvr', 'cpl', 'roas']);
});

t('benchmarks are the spec §6.2 values, looked up by industry, channel and metric', () => {
  assert.equal(benchmarkFor('ecommerce', 'google_search', 'cvr'), { low: 2.0, median: 3.5, high: 6.0 });
  assert.equal(benchmarkFor('lead_gen', 'google_search', 'cpl'), { low: 10, median: 50, high: 200 });
  assert.is(benchmarkFor('lead_gen', 'google_display', 'ctr'), undefined);
  assert.is(benchmarkFor('travel', 'meta', 'ctr'), undefined);
});

t.run();

// What the performance pages decide on their own (ui/src/performance.ts): the period picked,
// which way a change is good, targets, provisional anomalies, the overview's rankings, CSV.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  attentionReasons,
  changeTone,
  isProvisional,
  meetsTarget,
  needsAttention,
  parsePeriod,
  periodEndingYesterday,
  targetOf,
  toCents,
  toCsv,
  topPerformers,
  type AnomalyScope,
  type TenantRow,
} from '../../ui/src/performance.ts';

const t = suite('console: the performance pages\' own rules');

t('the period is the last N days ending yesterday (UTC), 30 unless 7 or 90 is asked', () => {
  assert.equal(periodEndingYesterday(30, new Date('2026-11-30T10:00:00Z')), { from: '2026-10-31', to: '2026-11-29' });
  assert.equal(periodEndingYesterday(7, new Date('2026-03-01T00:30:00Z')), { from: '2026-02-22', to: '2026-02-28' });
  assert.is(parsePeriod('90'), 90);
  assert.is(parsePeriod('12'), 30);
  assert.is(parsePeriod(null), 30);
});

t('ROAS up is good, CPA up is bad, spend is just a change', () => {
  assert.is(changeTone('roas', 0.5), 'good');
  assert.is(changeTone('roas', -0.5), 'bad');
  assert.is(changeTone('cpa', 1), 'bad');
  assert.is(changeTone('cpa', -1), 'good');
  assert.is(changeTone('spend', 100), 'neutral');
  assert.is(changeTone('ctr', null), 'neutral');
});

t('targets: CPA from micros, met when at or below; ROAS met when at or above', () => {
  const targets = { targetCpaMicros: 5_000_000, targetRoas: 4 };
  assert.is(targetOf('cpa', targets), 5);
  assert.is(meetsTarget('cpa', 4.5, 5), true);
  assert.is(meetsTarget('roas', 3.9, targetOf('roas', targets)), false);
  assert.is(targetOf('ctr', targets), undefined);
  assert.is(targetOf('roas', null), undefined);
});

t('an anomaly is provisional when the days judged reach into the platform\'s restatement window', () => {
  const scope = (name: string, to: string): AnomalyScope => ({
    scope: name,
    requested: { from: '2026-10-01', to },
    judged: { current: { from: '2026-10-01', to }, previous: { from: '2026-09-01', to: '2026-09-30' } },
    unsettledDaysLeftOut: 0,
    anomalies: [],
  });
  assert.is(isProvisional(scope('meta', '2026-11-29'), '2026-11-30'), true);
  assert.is(isProvisional(scope('meta', '2026-11-01'), '2026-11-30'), false); // 29 days back: settled for Meta
  assert.is(isProvisional(scope('google_ads', '2026-11-01'), '2026-11-30'), true); // Google takes 30
  assert.is(isProvisional({ ...scope('all', '2026-11-29'), judged: null }, '2026-11-30'), false);
});

const row = (tenantId: string, roas: number | null, roasChangePct: number | null, openHighAlerts = 0): TenantRow => ({ tenantId, currency: 'EUR', spendMicros: 1, revenueMicros: 1, roas, roasChangePct, openHighAlerts });

t('top performers by ROAS; attention for open high alerts or ROAS down more than 20 %', () => {
  const rows = [row('a', 2, 5), row('b', 6, -25), row('c', null, null, 1), row('d', 4, -20)];
  assert.equal(topPerformers(rows, 2).map((r) => r.tenantId), ['b', 'd']);
  assert.equal(needsAttention(rows).map((r) => r.tenantId), ['b', 'c']);
  assert.equal(attentionReasons(rows[2]!), ['1 open high-severity alert']);
});

t('CSV quotes what needs quoting', () => {
  assert.is(toCsv(['name', 'spend'], [['Winter, "big"', 12.5], [null, 0]]), 'name,spend\r\n"Winter, ""big""",12.5\r\n,0\r\n');
});

t('report money is rounded to the cent', () => {
  assert.is(toCents(2_284_228_817), 2_284_230_000);
  assert.is(toCents(4_999), 0);
});

t.run();

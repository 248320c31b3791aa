// The performance page in a real browser against the real product (api/main.ts on a temp
// DATA_DIR, the sandbox platforms): once the demo's days are synced, the admin sees KPI cards
// with the figures /kpis answers, the spend/ROAS chart drawn on a canvas, and at least one
// anomaly or open alert; a client of another tenant is told the tenant is not found. Skips
// (and says why) without Chromium, like launches.test.ts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, runCli, startProduct, type Product } from '../e2e/processes.ts';
import { periodEndingYesterday, type KpiAnswer, type MetricName } from '../../ui/src/performance.ts';
import { ARTIFACTS, buildConsole, findChromium, linkFor, loginCode, need, shot, signIn, WAIT_MS, within } from './support.ts';

const PAGE = '/performance/demo';
const SLOW_MS = 60_000; // a sync of 90 days on a loaded machine

type Ctx = { dataDir: string; product?: Product; browser?: Browser; admin?: Page; token?: string };

async function api<T>(ctx: Ctx, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ctx.product!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(SLOW_MS),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const found = findChromium();
if ('skipped' in found) {
  console.log(`browser performance suite: skipped (${found.skipped})`);
} else {
  const executablePath = found.path;
  const t = suite<Ctx>('browser: a tenant\'s performance page', { dataDir: '' });

  t.before((ctx) => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-browser-performance-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  t.after(async (ctx) => {
    await within('closing the browser', 10_000, async () => ctx.browser?.close()).catch((e: unknown) => console.log(`browser performance suite: ${String(e)}`));
    await ctx.product?.stop();
    killAll();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });

  t('given the demo with its days synced and analysed, when the admin opens its performance page, then the KPI cards say what /kpis says and the chart is drawn', async (ctx) => {
    await buildConsole();
    const product = (ctx.product = await startProduct(ctx.dataDir));
    const adminCode = loginCode(product.stdout()) ?? (await linkFor(ctx.dataDir, 'admin'));
    ctx.browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: 30_000 });
    const admin = (ctx.admin = await signIn(ctx.browser, product.url, adminCode));
    ctx.token = String(await admin.evaluate(`localStorage.getItem('adledger.token')`));

    // Whatever npm start's demo already synced, these are the days the page shows.
    const range = periodEndingYesterday(30);
    const history = periodEndingYesterday(90);
    await api(ctx, 'POST', '/api/tenants/demo/performance/sync', history);
    // The synced days reach the warehouse through its projection: wait until they are there.
    const kpisPath = `/api/tenants/demo/performance/kpis?from=${range.from}&to=${range.to}`;
    const deadline = Date.now() + SLOW_MS;
    let kpis = await api<KpiAnswer>(ctx, 'GET', kpisPath);
    while (kpis.current.rows === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      kpis = await api<KpiAnswer>(ctx, 'GET', kpisPath);
    }
    assert.ok(kpis.current.rows > 0, 'the demo has synced rows in the last 30 days');
    await api(ctx, 'POST', '/api/tenants/demo/performance/analyse', { days: 7, includeUnsettled: true });
    // The projection may still be writing the newest days: the figures the page shows are these.
    await new Promise((r) => setTimeout(r, 2_000));
    kpis = await api<KpiAnswer>(ctx, 'GET', kpisPath);

    await admin.goto(`${product.url}${PAGE}`);
    await admin.locator('.uplot canvas').first().waitFor({ timeout: SLOW_MS });
    const canvas = await admin.locator('.uplot canvas').first().boundingBox();
    assert.ok(canvas && canvas.width > 100 && canvas.height > 100, `the chart canvas has a size: ${JSON.stringify(canvas)}`);

    for (const metric of ['spend', 'conversions', 'revenue', 'roas', 'cpa', 'ctr', 'cpc'] as MetricName[]) {
      const card = admin.locator(`[data-testid="kpi-card"][data-metric="${metric}"]`);
      await card.waitFor();
      const shown = await card.getAttribute('data-value');
      const want = kpis.comparison.metrics[metric]?.current ?? null;
      assert.is(shown === '' ? null : Number(shown), want, `${metric} card shows /kpis' figure`);
      assert.not.match((await card.getByTestId('kpi-value').textContent()) ?? '', /^—$/, `${metric} has a figure`);
    }
  });

  t('then at least one anomaly or open alert is listed, and the page reads well', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.locator('[data-testid="anomaly"], [data-testid="performance-alert"]').first().waitFor({ timeout: SLOW_MS });
    const count = (await admin.getByTestId('anomaly').count()) + (await admin.getByTestId('performance-alert').count());
    assert.ok(count > 0, 'an anomaly or an alert is listed');
    await admin.screenshot({ path: join(ARTIFACTS, 'performance-page.png'), fullPage: true, timeout: WAIT_MS });
  });

  t('when an alert is acknowledged elsewhere, the performance page drops it without a reload; Sync now says what it did', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.goto(`${ctx.product!.url}${PAGE}`);
    const alerts = admin.getByTestId('performance-alert');
    await alerts.first().waitFor();
    const before = await alerts.count();
    const queue = await api<{ docs: { tenantId: string; performanceAlert?: { alertId: string } }[] }>(ctx, 'GET', '/api/approvals?kind=performance_alert&tenantId=demo');
    const alertId = queue.docs[queue.docs.length - 1]!.performanceAlert!.alertId;
    await api(ctx, 'POST', '/api/commands/tenant.acknowledge_performance_alert', { tenantId: 'demo', commandId: `browser-ack-${Date.now()}`, data: { alertId, note: 'Seen in the weekly review' } });
    await admin.waitForFunction((n) => document.querySelectorAll('[data-testid="performance-alert"]').length === n, before - 1, { timeout: WAIT_MS });

    await admin.getByTestId('sync-button').click();
    await admin.getByTestId('perf-action-result').waitFor({ timeout: SLOW_MS });
    assert.match((await admin.getByTestId('perf-action-result').textContent()) ?? '', /Synced 2 accounts/);
  });

  t('when the admin acknowledges a performance alert in the approvals queue with a note, then it leaves the queue', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.goto(`${ctx.product!.url}/approvals?kind=performance_alert`);
    const items = admin.locator('[data-testid="approval-item"][data-kind="performance_alert"]');
    await items.first().waitFor();
    const before = await items.count();
    const id = await items.first().getAttribute('data-id');
    assert.match((await items.first().textContent()) ?? '', /Performance alert/);
    await items.first().click();
    const detail = admin.locator('[data-testid="approval-detail"][data-kind="performance_alert"]');
    await detail.waitFor();
    assert.match((await detail.textContent()) ?? '', /Period judged.*Current.*Baseline.*Change/s);
    await admin.screenshot({ path: join(ARTIFACTS, 'performance-alert-detail.png'), timeout: WAIT_MS });
    await admin.getByTestId('acknowledge-button').click();
    assert.ok(await admin.getByTestId('dialog-confirm').isDisabled(), 'a note is required');
    await admin.getByTestId('dialog-text').fill('Checked with the client: seasonal dip');
    const sent = admin.waitForResponse((r) => r.url().includes('/api/commands/tenant.acknowledge_performance_alert') && r.request().method() === 'POST');
    await admin.getByTestId('dialog-confirm').click();
    const answer = await sent;
    assert.ok(answer.ok(), `acknowledged: ${answer.status()} ${await answer.text().catch(() => '')}`);
    await admin.locator(`[data-testid="approval-item"][data-id="${id}"]`).waitFor({ state: 'detached' });
    assert.is(await items.count(), before - 1, 'one alert fewer in the queue');
  });

  t('the overview lists the demo with its figures, and its weekly report prints and downloads its campaigns as CSV', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.goto(`${ctx.product!.url}/performance`);
    await admin.getByTestId('performance-tenant-row').first().waitFor({ timeout: SLOW_MS });
    assert.match((await admin.getByTestId('performance-tenants').textContent()) ?? '', /Demo Coffee Roasters|demo/);
    await admin.getByTestId('top-performers').waitFor();
    await shot(admin, 'performance-overview');

    await admin.goto(`${ctx.product!.url}/reports/demo?period=week`);
    await admin.getByTestId('report-kpis').waitFor();
    await admin.getByTestId('report-campaigns').waitFor();
    const download = admin.waitForEvent('download');
    await admin.getByTestId('download-csv').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^demo-campaigns-.*\.csv$/);
    await admin.emulateMedia({ media: 'print' });
    assert.is(await admin.locator('.nav').isVisible(), false, 'no navigation on paper');
    await admin.screenshot({ path: join(ARTIFACTS, 'performance-report-print.png'), fullPage: true, timeout: WAIT_MS });
    await admin.emulateMedia({ media: 'screen' });
  });

  t('the demo\'s own client sees the figures but neither Sync now nor Analyse now', async (ctx) => {
    const ben = await signIn(need(ctx.browser, 'the browser'), ctx.product!.url, await linkFor(ctx.dataDir, 'ben.client'));
    await ben.goto(`${ctx.product!.url}${PAGE}`);
    await ben.locator('[data-testid="kpi-card"][data-metric="roas"]').waitFor({ timeout: SLOW_MS });
    assert.is(await ben.getByTestId('sync-button').count(), 0, 'no Sync now for a client');
    assert.is(await ben.getByTestId('analyse-button').count(), 0, 'no Analyse now for a client');
    await ben.context().close();
  });

  t('when a client of another tenant opens the demo\'s performance page, then it is not found', async (ctx) => {
    const browser = need(ctx.browser, 'the browser');
    const added = await runCli(ctx.dataDir, ['users', 'add', 'olga.other', '--role', 'client-admin', '--tenant', 'other-tenant']);
    assert.is(added.code, 0, `users add: ${added.stderr}${added.stdout}`);
    const olga = await signIn(browser, ctx.product!.url, await linkFor(ctx.dataDir, 'olga.other'));
    await olga.goto(`${ctx.product!.url}${PAGE}`);
    const error = olga.getByTestId('error-state');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Not found/);
    assert.is(await olga.locator('[data-testid="kpi-card"]').count(), 0, 'no figures of another tenant');
    await shot(olga, 'performance-not-found');
  });

  t.run();
}

// The launch saga in the console, in a real browser against the real product (api/main.ts on a
// temp DATA_DIR, the sandbox platforms): the demo's version 1 shows its campaigns with platform
// ids on the launch page and in the tenant's campaigns view; a rollback shows "requested" and
// then, live and without a reload, the campaigns paused once the saga records it; a launch of
// another tenant is not found. Skips (and says why) without Chromium, like approvals.test.ts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, startProduct, type Product } from '../e2e/processes.ts';
import { ARTIFACTS, buildConsole, findChromium, linkFor, loginCode, need, shot, signIn, WAIT_MS, within } from './support.ts';

const LAUNCH = '/launches/demo/winter-2026/1';
const KEYS = ['google_ads:sales', 'meta:traffic']; // the demo's version 1: one campaign per platform
const UP = ['live', 'scheduled'];
const campaign = (key: string) => `[data-testid="launch-campaign"][data-key="${key}"]`;
const statusIn = (scope: string, statuses: readonly string[]) => statuses.map((s) => `${scope} [data-testid="campaign-status"] [data-status="${s}"]`).join(', ');

type Ctx = { dataDir: string; product?: Product; browser?: Browser; admin?: Page; ben?: Page; ids: string[] };

// A command with a signed-in console's own token: set-up done as that person would, over the API.
async function send(ctx: Ctx, page: Page, type: string, data: Record<string, unknown>): Promise<void> {
  const token = await page.evaluate(`localStorage.getItem('adledger.token')`);
  const res = await fetch(`${ctx.product!.url}/api/commands/${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${String(token)}` },
    body: JSON.stringify({ tenantId: 'demo', commandId: `browser-${type}-${Date.now()}`, data }),
  });
  assert.ok(res.ok, `${type}: ${res.status} ${await res.text()}`);
}

// Confirms the open action dialog with a reason, and checks the server took the command.
async function confirmWithReason(page: Page, command: string, reason: string): Promise<void> {
  await page.getByTestId('dialog-text').fill(reason);
  const response = page.waitForResponse((r) => r.url().includes(`/api/commands/${command}`) && r.request().method() === 'POST');
  await page.getByTestId('dialog-confirm').click();
  const answer = await response;
  if (!answer.ok()) assert.unreachable(`${command} was refused: ${answer.status()} ${await answer.text().catch(() => '')}`);
}

const found = findChromium();
if ('skipped' in found) {
  console.log(`browser launches suite: skipped (${found.skipped})`);
} else {
  const executablePath = found.path;
  const t = suite<Ctx>('browser: a launch, its campaigns and a rollback, live', { dataDir: '', ids: [] });

  t.before((ctx) => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-browser-launches-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  t.after(async (ctx) => {
    await within('closing the browser', 10_000, async () => ctx.browser?.close()).catch((e: unknown) => console.log(`browser launches suite: ${String(e)}`));
    await ctx.product?.stop();
    killAll();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });

  t('given the product with the demo, when the admin opens the launch of winter-2026 v1, then each campaign is live or scheduled with its platform id', async (ctx) => {
    await buildConsole();
    const product = (ctx.product = await startProduct(ctx.dataDir));
    const adminCode = loginCode(product.stdout()) ?? (await linkFor(ctx.dataDir, 'admin'));
    ctx.browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: 30_000 });
    const admin = (ctx.admin = await signIn(ctx.browser, product.url, adminCode));
    ctx.ben = await signIn(ctx.browser, product.url, await linkFor(ctx.dataDir, 'ben.client'));
    await admin.goto(`${product.url}${LAUNCH}`);
    for (const key of KEYS) {
      await admin.locator(statusIn(campaign(key), UP)).first().waitFor();
      const id = (await admin.locator(`${campaign(key)} [data-testid="campaign-platform-id"]`).textContent())?.trim() ?? '';
      assert.match(id, /^\d+$/, `${key} has a platform campaign id`);
      ctx.ids.push(id);
    }
    await shot(admin, 'launch-live');
  });

  t('then the tenant\'s campaigns view lists the same campaigns, by their platform ids, live or scheduled', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.goto(`${ctx.product!.url}/tenants/demo/campaigns`);
    for (const id of ctx.ids) {
      const row = admin.locator(`[data-testid="campaign-row"]`, { has: admin.locator(`[data-testid="campaign-row-platform-id"]:text-is("${id}")`) });
      await row.waitFor();
      assert.ok(UP.includes((await row.getAttribute('data-status')) ?? ''), `campaign ${id} is live or scheduled`);
    }
    assert.is(await admin.getByTestId('campaign-row').count(), ctx.ids.length);
    await shot(admin, 'campaigns-view');
  });

  t('when version 2 launches, version 1 says superseded with its campaigns paused; rolling 2 back offers to resume 1, and Resume brings them back', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await send(ctx, need(ctx.ben, 'the client admin page'), 'plan.approve_version', { planId: 'winter-2026', version: 2 });
    await admin.goto(`${ctx.product!.url}/launches/demo/winter-2026/2`);
    await admin.getByTestId('request-launch-button').click();
    const launched = admin.waitForResponse((r) => r.url().includes('/api/commands/launch.request') && r.request().method() === 'POST');
    await admin.getByTestId('dialog-confirm').click();
    assert.ok((await launched).ok(), 'version 2 launched');
    for (const key of KEYS) await admin.locator(statusIn(campaign(key), UP)).first().waitFor();

    await admin.goto(`${ctx.product!.url}${LAUNCH}`);
    await admin.getByTestId('launch-superseded').waitFor();
    for (const key of KEYS) await admin.locator(statusIn(campaign(key), ['paused'])).waitFor();
    assert.match((await admin.locator(`${campaign(KEYS[0]!)} [data-testid="campaign-status"]`).textContent()) ?? '', /superseded/);
    await shot(admin, 'launch-superseded');

    await admin.goto(`${ctx.product!.url}/launches/demo/winter-2026/2`);
    await admin.getByTestId('rollback-button').click();
    await confirmWithReason(admin, 'launch.request_rollback', 'Version 2 underperforms');
    await admin.locator('[data-testid="rollback-panel"][data-stage="done"]').waitFor();

    await admin.goto(`${ctx.product!.url}${LAUNCH}`);
    await admin.getByTestId('resume-button').click();
    await confirmWithReason(admin, 'launch.request_resume', 'Back to version 1 while 2 is fixed');
    for (const key of KEYS) await admin.locator(statusIn(campaign(key), UP)).first().waitFor();
    assert.is(await admin.getByTestId('resume-button').count(), 0, 'nothing left to resume');
  });

  t('when the admin requests a rollback, then the page says it is requested, and then, without a reload, that the campaigns are paused', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    await admin.goto(`${ctx.product!.url}${LAUNCH}`);
    await admin.locator(statusIn(campaign(KEYS[0]!), UP)).first().waitFor();
    await admin.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    // Every stage the rollback panel shows, in order, and proof the page is never reloaded.
    await admin.evaluate(`(() => {
      window.__adledgerSamePage = true;
      window.__stages = [];
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="rollback-panel"]')?.getAttribute('data-stage');
        if (stage && window.__stages[window.__stages.length - 1] !== stage) window.__stages.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await admin.getByTestId('rollback-button').click();
    await confirmWithReason(admin, 'launch.request_rollback', 'Rolled back by the browser test');

    await admin.locator('[data-testid="rollback-panel"][data-stage="done"]').waitFor();
    for (const key of KEYS) await admin.locator(statusIn(campaign(key), ['paused'])).waitFor();
    const stages = (await admin.evaluate('window.__stages')) as string[];
    assert.equal(stages, ['requested', 'done'], 'first "requested", then what the saga recorded');
    assert.match((await admin.getByTestId('rollback-result').textContent()) ?? '', /2 campaigns paused/);
    assert.is(await admin.evaluate('window.__adledgerSamePage'), true, 'the page was not reloaded');
    await shot(admin, 'launch-rolled-back');

    await admin.goto(`${ctx.product!.url}/tenants/demo/campaigns`);
    const v1 = '[data-testid="campaign-row"][data-plan="winter-2026"][data-version="1"]';
    await admin.locator(`${v1}[data-status="paused"]`).nth(ctx.ids.length - 1).waitFor();
    assert.is(await admin.locator(`${v1}[data-status="paused"]`).count(), ctx.ids.length);
    assert.is(await admin.locator(v1).count(), ctx.ids.length);
  });

  t('a launch of another tenant, or of a version that does not exist, is not found: no plausible page, no approve button', async (ctx) => {
    const ben = need(ctx.ben, 'the client admin page');
    for (const path of ['/launches/other-tenant/winter-2026/1', '/launches/demo/winter-2026/99']) {
      await ben.goto(`${ctx.product!.url}${path}`);
      await ben.getByTestId('error-state').waitFor();
      assert.is((await ben.locator('[data-testid="error-state"] .state-title').textContent())?.trim(), 'Not found', path);
      assert.is(await ben.getByTestId('approve-launch-button').count(), 0, `${path}: no approve button`);
      assert.is(await ben.getByTestId('launch-not-yet').count(), 0, `${path}: no "not launched yet"`);
    }
    await shot(ben, 'launch-not-found');
  });

  t('when a launch waits for a missing creative, then the agency fills the asset and an https landing page, retries, and sees the campaign go up without a reload', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    const ben = need(ctx.ben, 'the client admin page');
    const planId = 'spring-2027';
    await send(ctx, admin, 'plan.create', { planId, name: 'Spring 2027', currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-03-31', budgetMicros: 10_000_000_000 });
    await send(ctx, admin, 'plan.add_line_item', { planId, lineItemId: 'social', name: 'Meta traffic', platform: 'meta', objective: 'traffic', budgetMicros: 5_000_000_000, currency: 'EUR', flightStart: '2026-12-01', flightEnd: '2027-03-31' });
    await send(ctx, admin, 'plan.submit_version', { planId });
    await send(ctx, ben, 'plan.approve_version', { planId, version: 1 });
    await send(ctx, admin, 'launch.request', { planId, version: 1 });

    // The approvals queue says the launch waits for a person, and offers nothing to approve.
    await admin.goto(`${ctx.product!.url}/approvals?kind=launch_alert`);
    const alert = admin.locator('[data-testid="approval-item"][data-kind="launch_alert"]').first();
    await alert.waitFor();
    await alert.click();
    await admin.locator('[data-testid="approval-detail"][data-kind="launch_alert"]').waitFor();
    assert.match((await admin.getByTestId('launch-alert-message').textContent()) ?? '', /no creative asset or landing page/);
    assert.is(await admin.getByTestId('approve-button').count(), 0, 'an alert has nothing to approve');

    await admin.goto(`${ctx.product!.url}/launches/demo/${planId}/1`);
    await admin.getByTestId('touchpoint').waitFor();
    await admin.locator(statusIn(campaign('meta:traffic'), ['waiting'])).waitFor();
    await admin.evaluate('window.__adledgerSamePage = true');
    await admin.getByTestId('touchpoint-asset').fill('banner-spring-01');
    await admin.getByTestId('touchpoint-url').fill('http://demo.example/spring');
    await admin.getByTestId('touchpoint-note').fill('Uploaded the spring banner');
    assert.ok(await admin.getByTestId('touchpoint-retry').isDisabled(), 'an http landing page cannot be sent, as the server would refuse it');
    await admin.getByTestId('touchpoint-url').fill('https://demo.example/spring');
    await admin.getByTestId('touchpoint-retry').click();
    await admin.locator(statusIn(campaign('meta:traffic'), UP)).first().waitFor();
    assert.is(await admin.getByTestId('touchpoint').count(), 0, 'the touchpoint is resolved');
    assert.is(await admin.evaluate('window.__adledgerSamePage'), true, 'the page was not reloaded');
    await shot(admin, 'touchpoint-resolved');
  });

  t('on the tenant page, an approver saves the execution policy, and a client admin sees agency-only forms read only with the reason', async (ctx) => {
    const admin = need(ctx.admin, 'the admin page');
    const ben = need(ctx.ben, 'the client admin page');
    await admin.goto(`${ctx.product!.url}/tenants/demo`);
    await admin.getByTestId('execution-policy-form').waitFor();
    await admin.getByTestId('rollback-action').selectOption('remove');
    const response = admin.waitForResponse((r) => r.url().includes('/api/commands/tenant.set_execution_policy') && r.request().method() === 'POST');
    await admin.getByTestId('execution-policy-form-submit').click();
    const answer = await response;
    assert.ok(answer.ok(), `the policy was refused: ${answer.status()} ${await answer.text().catch(() => '')}`);
    assert.equal(JSON.parse(answer.request().postData() ?? '{}').data, { atomicLaunch: false, rollbackAction: 'remove' });
    await ben.goto(`${ctx.product!.url}/tenants/demo`);
    await ben.getByTestId('tracking-form-readonly').waitFor();
    assert.is(await ben.getByTestId('tracking-form-submit').count(), 0, 'a client admin cannot report tracking health');
    assert.is(await ben.getByTestId('execution-policy-form-submit').count(), 1, 'a client admin may set the execution policy');
    await shot(admin, 'tenant-forms');
  });

  t.run();
}

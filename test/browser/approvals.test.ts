// The console in a real browser against the real product (`api/main.ts` as a child process on
// a temp DATA_DIR, the built console from ui/dist): people signed in through their own login
// links, one approves plan version 2 of winter-2026, and the others see it without a reload.
// Needs Chromium (CHROMIUM_PATH, else Debian's /usr/lib/chromium/chromium or /usr/bin/chromium);
// without one the suite says it skipped and why, and defines no test.
// Screenshots go to test-artifacts/browser/; docs/approvals.png (the README's) is written when
// missing or when ADLEDGER_UPDATE_SCREENSHOT=1, so a test run does not churn a committed file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, ROOT, startProduct, type Product } from '../e2e/processes.ts';
import { ARTIFACTS, buildConsole, findChromium, linkFor, loginCode, need, shot, signIn as signInAs, WAIT_MS, within } from './support.ts';

const README_SHOT = join(ROOT, 'docs', 'approvals.png');
const ITEM = 'demo:winter-2026:v2:plan_version'; // the approvals_queue id of v2 of winter-2026
const LIVE_MS = 1_000; // "live": the other console shows a decision within a second, no reload

const item = (id: string) => `[data-testid="approval-item"][data-id="${id}"]`;
const versionStatus = (version: number, status: string) =>
  `[data-testid="plan-version-row"][data-version="${version}"] [data-testid="plan-version-status"] [data-status="${status}"]`;

type Ctx = {
  dataDir: string;
  product?: Product;
  browser?: Browser;
  pages: Record<'admin' | 'ben' | 'vic', Page | undefined>;
  adminPlan?: Page;
};

const signIn = (ctx: Ctx, url: string, code: string): Promise<Page> => signInAs(ctx.browser!, url, code);

const found = findChromium();
if ('skipped' in found) {
  console.log(`browser suite: skipped (${found.skipped})`);
} else {
  const executablePath = found.path;
  const t = suite<Ctx>('browser: approvals in two consoles at once', { dataDir: '', pages: { admin: undefined, ben: undefined, vic: undefined } });

  t.before((ctx) => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  t.after(async (ctx) => {
    await within('closing the browser', 10_000, async () => ctx.browser?.close()).catch((e: unknown) => console.log(`browser suite: ${String(e)}`));
    await ctx.product?.stop();
    killAll();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });

  t('given the built console and the product with the demo, when admin, ben.client and vic.viewer sign in through their links, then each header reaches connected', async (ctx) => {
    await buildConsole();
    const product = (ctx.product = await startProduct(ctx.dataDir));
    const adminCode = loginCode(product.stdout()) ?? (await linkFor(ctx.dataDir, 'admin'));
    const [benCode, vicCode] = [await linkFor(ctx.dataDir, 'ben.client'), await linkFor(ctx.dataDir, 'vic.viewer')];
    ctx.browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: 30_000 });
    ctx.pages.admin = await signIn(ctx, product.url, adminCode);
    ctx.pages.ben = await signIn(ctx, product.url, benCode);
    ctx.pages.vic = await signIn(ctx, product.url, vicCode);
    for (const [who, role] of [['admin', 'agency-admin'], ['ben', 'client-admin'], ['vic', 'client-viewer']] as const) {
      const page = ctx.pages[who]!;
      await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: WAIT_MS });
      assert.is(await page.getByTestId('current-role').getAttribute('data-role'), role, `${who} is signed in with its own role`);
    }
  });

  t('then the approver and the agency admin both see version 2 of winter-2026 waiting, with its diff', async (ctx) => {
    const admin = need(ctx.pages.admin, 'the admin page');
    const ben = need(ctx.pages.ben, 'the approver page');
    for (const page of [admin, ben]) {
      await page.goto(`${ctx.product!.url}/approvals`);
      await page.locator(item(ITEM)).click();
      await page.getByTestId('diff-view').waitFor();
      await page.getByTestId('approve-button').waitFor();
    }
    await admin.evaluate('document.fonts.ready');
    await shot(admin, 'before-admin-approvals');
    await shot(ben, 'before-approver-approvals');
    if (!existsSync(README_SHOT) || process.env.ADLEDGER_UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'before-admin-approvals.png'), README_SHOT);
    }
  });

  t('then a client viewer sees the item but neither an approve nor a reject button, in the queue or on the plan', async (ctx) => {
    const vic = need(ctx.pages.vic, 'the viewer page');
    await vic.goto(`${ctx.product!.url}/approvals?item=${encodeURIComponent(ITEM)}`);
    await vic.locator(item(ITEM)).waitFor();
    await vic.getByTestId('approval-detail').waitFor(); // the buttons would be in its header
    await vic.getByTestId('diff-view').waitFor();
    assert.is(await vic.getByTestId('approve-button').count(), 0, 'no approve button for a client viewer');
    assert.is(await vic.getByTestId('reject-button').count(), 0, 'no reject button for a client viewer');
    await shot(vic, 'viewer-approvals');
    await vic.goto(`${ctx.product!.url}/plans/demo/winter-2026`);
    await vic.locator(versionStatus(2, 'submitted')).waitFor();
    assert.is(await vic.getByTestId('approve-button').count(), 0, 'no approve button on the plan either');
    assert.is(await vic.getByTestId('reject-button').count(), 0, 'no reject button on the plan either');
    await shot(vic, 'viewer-plan');
  });

  t('when ben.client approves version 2, then the admin queue and plan page show it within a second, without a reload', async (ctx) => {
    const admin = need(ctx.pages.admin, 'the admin page');
    const ben = need(ctx.pages.ben, 'the approver page');
    const adminPlan = (ctx.adminPlan = await admin.context().newPage());
    await adminPlan.goto(`${ctx.product!.url}/plans/demo/winter-2026`);
    await adminPlan.locator(versionStatus(2, 'submitted')).waitFor();
    await adminPlan.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    const waitingBefore = await admin.getByTestId('approval-item').count();
    assert.ok(waitingBefore >= 1 && (await admin.locator(item(ITEM)).count()) === 1, `v2 waits in the admin queue (${waitingBefore} items)`);
    // A reload or navigation would drop these marks.
    for (const page of [admin, adminPlan]) await page.evaluate('window.__adledgerSamePage = true');

    await ben.getByTestId('approve-button').click();
    await ben.getByTestId('dialog-text').fill('Approved from the browser test');
    const response = ben.waitForResponse((r) => r.url().includes('/api/commands/plan.approve_version') && r.request().method() === 'POST', { timeout: WAIT_MS });
    await ben.getByTestId('dialog-confirm').click();
    const answer = await response;
    if (!answer.ok()) assert.unreachable(`the approval was refused: ${answer.status()} ${await answer.text().catch(() => '')}`);

    await Promise.all([
      admin.locator(item(ITEM)).waitFor({ state: 'detached', timeout: LIVE_MS }),
      adminPlan.locator(versionStatus(2, 'approved')).waitFor({ timeout: LIVE_MS }),
    ]);
    assert.is(await admin.getByTestId('approval-item').count(), waitingBefore - 1, 'exactly one item left the queue');
    if (waitingBefore === 1) assert.is(await admin.getByTestId('approvals-empty').count(), 1, 'the queue says it is empty');
    assert.is((await adminPlan.locator('[data-testid="plan-version-row"][data-version="2"] [data-testid="plan-version-status"]').textContent())?.trim(), 'Approved');
    for (const page of [admin, adminPlan]) assert.is(await page.evaluate('window.__adledgerSamePage'), true, 'the page was not reloaded');

    await ben.locator(item(ITEM)).waitFor({ state: 'detached' });
    await shot(admin, 'after-admin-approvals');
    await shot(adminPlan, 'after-admin-plan');
    await shot(ben, 'after-approver-approvals');
  });

  t.run();
}

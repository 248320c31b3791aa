// The auditor in the console, in a real browser against the real product (api/main.ts on a
// temp DATA_DIR with the demo): the as-of view shows a plan's state as the console shows
// things (money from micros with its currency, days) and what changed since, field by field;
// the export button downloads the tenant's history, which the offline verifier accepts with
// the audit key file alone. Skips (and says why) without Chromium, like the other suites.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, parseJsonLines, runCli, startProduct, type Product } from '../e2e/processes.ts';
import { formatDate, formatMoney } from '../../ui/src/format.ts';
import { ARTIFACTS, buildConsole, findChromium, linkFor, loginCode, shot, signIn, within } from './support.ts';

type Ctx = { dataDir: string; product?: Product; browser?: Browser };

const found = findChromium();
if ('skipped' in found) {
  console.log(`browser audit suite: skipped (${found.skipped})`);
} else {
  const executablePath = found.path;
  const t = suite<Ctx>('browser: the auditor’s as-of view and history export', { dataDir: '' });

  t.before((ctx) => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-browser-audit-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  t.after(async (ctx) => {
    await within('closing the browser', 10_000, async () => ctx.browser?.close()).catch((e: unknown) => console.log(`browser audit suite: ${String(e)}`));
    await ctx.product?.stop();
    killAll();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });

  t('given the demo plan, when the admin asks its state as of revision 0, then money and days are formatted, and the changes since are listed field by field', async (ctx) => {
    await buildConsole();
    const product = (ctx.product = await startProduct(ctx.dataDir));
    ctx.browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: 30_000 });
    const admin = await signIn(ctx.browser, product.url, loginCode(product.stdout()) ?? (await linkFor(ctx.dataDir, 'admin')));
    await admin.goto(`${product.url}/audit?tenantId=demo&stream=plan-demo.winter-2026`);
    await admin.getByRole('button', { name: 'A revision' }).click();
    await admin.getByTestId('asof-revision').fill('0');
    await admin.getByTestId('asof-submit').click();
    const state = admin.getByTestId('asof-state');
    await state.waitFor();
    const text = (await state.textContent()) ?? '';
    assert.ok(text.includes(formatMoney(60_000_000_000, 'EUR')), `the budget in euros: ${text}`);
    assert.ok(text.includes(formatDate('2026-12-01')), `the period start as a day: ${text}`);
    assert.not.ok(text.includes('60000000000'), 'no raw micros');
    const changes = admin.getByTestId('asof-change');
    await changes.first().waitFor();
    assert.ok((await changes.count()) > 0, 'what changed since revision 0 is listed');
    assert.ok(((await admin.getByTestId('asof-changes').textContent()) ?? '').includes('Line items'), 'the line items added since are among the changes');
    await shot(admin, 'audit-as-of');

    const download = admin.waitForEvent('download');
    await admin.getByTestId('audit-export').click();
    const file = join(ctx.dataDir, 'demo-history.jsonl');
    await (await download).saveAs(file);
    const offline = await runCli(mkdtempSync(join(tmpdir(), 'adledger-offline-')), ['audit', 'verify', '--file', file, '--key', join(ctx.dataDir, 'audit-keys.json')], 60_000);
    assert.is(offline.code, 0, offline.stdout + offline.stderr);
    assert.is(parseJsonLines<{ ok: boolean; tenantId: string }>(offline.stdout)[0]?.tenantId, 'demo');
  });

  t.run();
}

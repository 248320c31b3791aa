// Access taken back, as people see it: the admin disables vic.viewer on the Users page, and
// vic's open console (signed in through their own link) lands on the sign-in screen saying an
// admin revoked the access — through the websocket's close, without vic clicking anything.
// Needs Chromium like the other browser suites; without one it says it skipped and why.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { killAll, startProduct, type Product } from '../e2e/processes.ts';
import { ARTIFACTS, buildConsole, findChromium, linkFor, loginCode, shot, signIn, within } from './support.ts';

const SIGNED_OUT_MS = 3_000; // the server closes the socket within a second; the page then renders

const found = findChromium();
if ('skipped' in found) {
  console.log(`browser users suite: skipped (${found.skipped})`);
} else {
  const executablePath = found.path;
  const t = suite<{ dataDir: string; product?: Product; browser?: Browser }>('browser: an admin disables a user, whose console signs out', { dataDir: '' });

  t.before((ctx) => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'adledger-browser-users-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  t.after(async (ctx) => {
    await within('closing the browser', 10_000, async () => ctx.browser?.close()).catch((e: unknown) => console.log(`browser users suite: ${String(e)}`));
    await ctx.product?.stop();
    killAll();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });

  t('given admin on the Users page and vic signed in, when admin disables vic, then vic sees the revoked sign-in screen', async (ctx) => {
    await buildConsole();
    const product = (ctx.product = await startProduct(ctx.dataDir));
    const adminCode = loginCode(product.stdout()) ?? (await linkFor(ctx.dataDir, 'admin'));
    const vicCode = await linkFor(ctx.dataDir, 'vic.viewer');
    ctx.browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: 30_000 });
    const admin = await signIn(ctx.browser, product.url, adminCode);
    const vic = await signIn(ctx.browser, product.url, vicCode);
    assert.is(await vic.getByTestId('nav-users').count(), 0, 'a viewer administers no one');

    await admin.getByTestId('nav-users').click();
    const row = admin.locator('[data-testid="user-row"][data-id="vic.viewer"]');
    await row.getByTestId('user-disable').click();
    await row.getByTestId('user-enable').waitFor();
    const disabledAt = Date.now();
    await vic.getByTestId('signed-out-revoked').waitFor({ timeout: SIGNED_OUT_MS });
    assert.ok(Date.now() - disabledAt < SIGNED_OUT_MS);
    await shot(vic, 'users-signed-out');
    await shot(admin, 'users-page');
  });

  t.run();
}

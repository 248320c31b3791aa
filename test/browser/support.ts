// What the browser suites share: finding Debian's Chromium, bounded waits, sign-in through a
// user's own one-time link, screenshots. Not a test file itself (the runner takes *.test.ts).
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { ROOT, runCli } from '../e2e/processes.ts';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
export const WAIT_MS = 10_000; // any wait for data loading, sign-in, the websocket
export const VIEWPORT = { width: 1280, height: 800 };

export function findChromium(): { path: string } | { skipped: string } {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter((p): p is string => !!p);
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return { path };
    } catch {
      // not there or not executable: try the next
    }
  }
  return { skipped: `no Chromium executable at ${candidates.join(', ')} (set CHROMIUM_PATH)` };
}

// Resolves with what `fn` resolves to, or rejects after `ms`: nothing here may hang the run.
export async function within<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)));
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The built console (ui/dist), rebuilt when older than ui/**.
export async function buildConsole(): Promise<void> {
  const build = await within('building the console', 180_000, () => promisify(execFile)(process.execPath, ['scripts/ensure-ui.mjs'], { cwd: ROOT, timeout: 180_000 }));
  assert.ok(existsSync(join(ROOT, 'ui', 'dist', 'index.html')), `no ui/dist after ${build.stdout}${build.stderr}`);
}

export const loginCode = (text: string) => /\/login#code=([A-Za-z0-9_-]+)/.exec(text)?.[1];

export async function linkFor(dataDir: string, userId: string): Promise<string> {
  const { code, stdout, stderr } = await runCli(dataDir, ['users', 'link', userId]);
  const found = loginCode(stdout);
  assert.ok(code === 0 && found, `users link ${userId}: exit ${code}, ${stderr}${stdout}`);
  return found!;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), timeout: WAIT_MS });

// A browser context for one user, signed in through its own one-time link.
export async function signIn(browser: Browser, url: string, code: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto(`${url}/login#code=${code}`);
  await page.waitForURL('**/approvals');
  return page;
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step of this suite failed`);
  return value;
}

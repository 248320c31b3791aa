#!/usr/bin/env node
// Builds the web console into ui/dist when it is missing or older than any source file
// under ui/ (so `npm start` stays fast on restarts); `--force` always builds.
// Prints one line, JSON first: {"ui":"built"|"fresh", ...}.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const uiDir = join(root, 'ui');
const distDir = join(uiDir, 'dist');
const marker = join(distDir, 'index.html');
const force = process.argv.includes('--force');
const skipped = new Set(['dist', 'node_modules']);
// Server code the console bundles (not just its types): a change there is a change to the console.
const bundledFromOutside = ['projections/definitions/planDiff.ts'];

// The newest modification time of any file under ui/ except the build output.
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name) && dir === uiDir) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const sourcesAt = Math.max(
  newestSource(uiDir),
  ...bundledFromOutside.map((file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0)),
);

if (!force && builtAt > 0 && builtAt >= sourcesAt) {
  console.log(JSON.stringify({ ui: 'fresh', dist: relative(root, distDir) }) + ' console is up to date');
} else {
  const started = Date.now();
  try {
    const { build } = await import('vite');
    await build({ configFile: join(uiDir, 'vite.config.ts'), logLevel: 'warn' });
  } catch (error) {
    console.error(JSON.stringify({ ui: 'failed', error: String(error?.message ?? error).split('\n')[0] }) + ' console build failed');
    process.exit(1);
  }
  const ms = Date.now() - started;
  const reason = force ? 'forced' : builtAt === 0 ? 'missing' : 'stale';
  console.log(JSON.stringify({ ui: 'built', reason, dist: relative(root, distDir), ms }) + ` console built in ${ms} ms`);
}

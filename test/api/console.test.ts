// The console's static serving: built files, index.html for page addresses, never the
// console where the API, health, metrics or docs answer, and a clear 503 before a build.
// Also the console's own pure logic: money typed in currency units, and live changes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { consoleRoutes } from '../../api/routes/console.ts';
import { tempDir } from '../support/tempDir.ts';
import { microsToUnits, unitsToMicros } from '../../ui/src/format.ts';
import { applyChange, type ChangeMessage } from '../../ui/src/liveDocs.ts';

const INDEX = '<!doctype html><div id="app"></div>';

function builtDist(): string {
  const parent = tempDir('console');
  const dir = join(parent, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  writeFileSync(join(parent, 'secret.txt'), 'not for the web');
  return dir;
}

// An app shaped like api/server.ts: API routes, swagger-ui (its own @fastify/static), the console.
async function appWith(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/api/plans', async () => ({ docs: [] }));
  app.register(swagger, { openapi: { info: { title: 't', version: '1' } } });
  app.register(swaggerUi, { routePrefix: '/docs' });
  consoleRoutes(app, distDir);
  await app.ready();
  return app;
}

const built = suite('console: a built console');
let app: FastifyInstance;
built.before(async () => {
  app = await appWith(builtDist());
});
built.after(() => app.close());

built('given a build, when / is asked for, then index.html comes back, not cached', async () => {
  const res = await app.inject({ method: 'GET', url: '/' });
  assert.is(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.is(res.body, INDEX);
  assert.is(res.headers['cache-control'], 'no-cache');
});

built('given a page address of the console, then index.html answers it (SPA fallback)', async () => {
  for (const url of ['/approvals', '/plans/demo/winter-2026?from=1&to=2', '/login', '/launches/demo/p/1']) {
    const res = await app.inject({ method: 'GET', url });
    assert.is(res.statusCode, 200, url);
    assert.is(res.body, INDEX, url);
  }
});

built('given a built asset, then the file comes back, cached for good', async () => {
  const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
  assert.is(res.statusCode, 200);
  assert.is(res.body, 'console.log(1)');
  assert.match(String(res.headers['content-type']), /javascript/);
  assert.match(String(res.headers['cache-control']), /immutable/);
  const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
  assert.is(icon.statusCode, 200);
  assert.match(String(icon.headers['content-type']), /svg/);
});

built('given a missing asset, then a JSON 404, not the console', async () => {
  const res = await app.inject({ method: 'GET', url: '/assets/index-old.js' });
  assert.is(res.statusCode, 404);
  assert.is(res.json().error, 'route.not_found');
});

built('given API, health, metrics and docs addresses, then they never get the console', async () => {
  assert.equal((await app.inject({ method: 'GET', url: '/api/plans' })).json(), { docs: [] });
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' });
  for (const url of ['/api/nothing-here', '/api', '/metrics', '/health/nothing', '/api/plans/a/b/c/d/e']) {
    const res = await app.inject({ method: 'GET', url });
    assert.is(res.statusCode, 404, url);
    assert.is(res.json().error, 'route.not_found', url);
    assert.ok(typeof res.json().message === 'string', url);
  }
  const docs = await app.inject({ method: 'GET', url: '/docs/json' });
  assert.is(docs.statusCode, 200);
  assert.ok(docs.json().openapi);
});

built('given another method on an unknown route, then the JSON 404', async () => {
  const res = await app.inject({ method: 'POST', url: '/approvals' });
  assert.is(res.statusCode, 404);
  assert.equal(res.json(), { error: 'route.not_found', message: 'No route POST /approvals', details: null });
});

built('given a path that climbs out of the build folder, then nothing outside it is served', async () => {
  for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
    const res = await app.inject({ method: 'GET', url });
    assert.not.match(res.body, /not for the web/, url);
  }
});

const missing = suite('console: no build yet');

missing('given no ui/dist, when / is asked for, then a 503 says how to build it', async () => {
  const empty = await appWith(join(tempDir('console-missing'), 'dist'));
  try {
    const res = await empty.inject({ method: 'GET', url: '/' });
    assert.is(res.statusCode, 503);
    const body = res.json();
    assert.is(body.error, 'console.not_built');
    assert.match(body.message, /npm run build:ui/);
    assert.is((await empty.inject({ method: 'GET', url: '/approvals' })).statusCode, 503);
    assert.is((await empty.inject({ method: 'GET', url: '/api/nothing' })).statusCode, 404);
  } finally {
    await empty.close();
  }
});

const money = suite('console: money typed in currency units');

money('given amounts as people type them, then exact integer micros', () => {
  const cases: [string, number | undefined][] = [
    ['25000', 25_000_000_000],
    ['25000.5', 25_000_500_000],
    ['1,234.56', 1_234_560_000],
    ['1.234,56', 1_234_560_000],
    ['1 000', 1_000_000_000],
    ['0.000001', 1],
    ['12.345678', 12_345_678],
    ['0.1', 100_000], // 0.1 is not a float here: no 99999
    ['12.3456789', undefined], // finer than a micro
    ['abc', undefined],
    ['', undefined],
    ['1.', undefined],
    ['-5', undefined],
    ['99999999999', undefined], // beyond what micros can hold exactly
  ];
  for (const [text, micros] of cases) assert.is(unitsToMicros(text), micros, JSON.stringify(text));
});

money('given micros, then the editable text round-trips', () => {
  for (const micros of [0, 1, 1_500_000, 25_000_000_000, 1_234_560_000, 12_345_678]) assert.is(unitsToMicros(microsToUnits(micros)), micros);
  assert.is(microsToUnits(1_234_500_000), '1234.50');
});

const live = suite('console: live changes applied in place');
type Doc = { id: string; position: string; status: string };
const change = (id: string, position: string, doc: Doc | null): ChangeMessage => ({
  type: 'change', channel: 'plans', cursor: `e1.${position}`, position, collection: 'plans', id, tenantId: 't', doc,
});
const all = () => true;
const a1: Doc = { id: 'a', position: '10', status: 'draft' };

live('given a new document, then it is added; a newer one replaces it in place', () => {
  const added = applyChange<Doc>([a1], change('b', '11', { id: 'b', position: '11', status: 'draft' }), all);
  assert.equal(added.map((d) => d.id), ['b', 'a']);
  const replaced = applyChange<Doc>(added, change('a', '12', { ...a1, position: '12', status: 'submitted' }), all);
  assert.equal(replaced.map((d) => `${d.id}:${d.status}`), ['b:draft', 'a:submitted']);
});

live('given older news than the page shows (a replay, a late push), then nothing changes', () => {
  const list = [{ ...a1, position: '20', status: 'approved' }];
  assert.is(applyChange<Doc>(list, change('a', '15', { ...a1, position: '15', status: 'submitted' }), all), list);
  assert.is(applyChange<Doc>(list, change('a', '15', null), all), list);
});

live('given a deletion, or a document that no longer matches the filter, then it leaves the page', () => {
  assert.equal(applyChange<Doc>([a1], change('a', '11', null), all), []);
  const onlyDrafts = (d: Doc) => d.status === 'draft';
  assert.equal(applyChange<Doc>([a1], change('a', '11', { ...a1, position: '11', status: 'submitted' }), onlyDrafts), []);
  assert.equal(applyChange<Doc>([], change('z', '11', { id: 'z', position: '11', status: 'submitted' }), onlyDrafts), []);
});

built.run();
missing.run();
money.run();
live.run();

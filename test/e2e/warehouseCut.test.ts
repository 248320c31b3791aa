// `npm start` with its reporting warehouse on BigQuery (the goccy emulator), reached through a
// TCP proxy the test controls. When the link is cut mid-run, commands still answer 201, the
// reporting projection retries and readiness says so, and the process lives; when the link
// returns, the projection catches up by itself and the warehouse's rows equal a fresh load of
// the same log (into DuckDB), table by table and tenant by tenant.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openBigQueryWarehouse } from '../../readmodels/warehouse/bigquery.ts';
import { openDuckdbWarehouse } from '../../readmodels/warehouse/duckdb.ts';
import { TABLE_NAMES } from '../../readmodels/warehouse/tables.ts';
import { rebuildFromLog } from '../../scripts/soak/checks/rebuild.ts';
import { startBigQueryEmulator } from '../support/bigqueryEmulator.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { tempDir } from '../support/tempDir.ts';
import { killAll, startProduct, type Product } from './processes.ts';
import { createTenant, eventually, signIn, timed } from './storageFaults.ts';

type Ready = { status: number; body: { checks: Record<string, { ok: boolean; detail: string }> } };
type Ctx = { dir: string; proxy?: TcpProxy; product?: Product; auth: Record<string, string>; tenants: string[] };
const t = suite<Ctx>('e2e: the BigQuery link cut and restored');

const emulator = await startBigQueryEmulator();
if ('skipped' in emulator) console.log(`e2e warehouse cut: skipped (${emulator.skipped})`);
const dataset = `cut_${Date.now().toString(36)}`;

t.before(async (ctx) => {
  ctx.tenants = [];
  ctx.dir = tempDir('bq-cut');
  if ('skipped' in emulator) return;
  const url = new URL(emulator.endpoint);
  ctx.proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  ctx.product = await startProduct(ctx.dir, 60_000, {
    embedded: true,
    env: { DEMO: 'off', BIGQUERY_PROJECT: emulator.projectId, BIGQUERY_DATASET: dataset, BIGQUERY_API_ENDPOINT: `http://127.0.0.1:${ctx.proxy.port}` },
  });
  ctx.auth = await signIn(ctx.product);
});
t.after(async (ctx) => {
  if (ctx.product?.alive()) await ctx.product.stop();
  killAll();
  await ctx.proxy?.close();
});

const ready = async (product: Product): Promise<Ready> => (await timed(product, '/health/ready')) as unknown as Ready;
let n = 0;
async function send(ctx: Ctx): Promise<void> {
  const tenantId = `bqcut${++n}`;
  const sent = await createTenant(ctx.product!, ctx.auth, tenantId, `bq-cut-${n}-cmd`);
  assert.is(sent.status, 201, sent.text);
  ctx.tenants.push(tenantId);
}

t('given the product on the BigQuery emulator through the proxy, the reporting projection is live', async (ctx) => {
  if (!ctx.product) return;
  await send(ctx);
  await eventually('/health/ready 200', async () => ((await ready(ctx.product!)).status === 200 ? true : undefined), 60_000);
  assert.ok(ctx.proxy!.accepted() > 0, 'the product reached the emulator through the proxy');
});

t('when the link is cut, commands still answer 201, the reporting projection retries, readiness says so, and the process lives', async (ctx) => {
  if (!ctx.product) return;
  ctx.proxy!.cut();
  for (let i = 0; i < 3; i++) await send(ctx);
  const red = await eventually(
    'readiness red with the reporting projection retrying',
    async () => {
      const res = await ready(ctx.product!);
      return res.status === 503 && /reporting: retrying/.test(res.body.checks.projections!.detail) ? res : undefined;
    },
    45_000,
  );
  assert.ok(red.body.checks.eventStore!.ok && red.body.checks.documentStore!.ok, JSON.stringify(red.body.checks));
  const metrics = await fetch(`${ctx.product.url}/metrics`, { headers: ctx.auth }).then((r) => r.text());
  assert.match(metrics, /adledger_projection_retrying\{projection="reporting"\} 1/);
  assert.ok(ctx.product.alive(), 'the process lives');
});

t('when the link returns, the reporting projection catches up by itself and readiness is 200', async (ctx) => {
  if (!ctx.product) return;
  ctx.proxy!.restore();
  await send(ctx);
  await eventually('/health/ready 200', async () => ((await ready(ctx.product!)).status === 200 ? true : undefined), 90_000);
});

t('then the warehouse rows equal a fresh load of the same log, table by table', async (ctx) => {
  if (!ctx.product || 'skipped' in emulator) return;
  assert.is(await ctx.product.stop(), 0);
  const events = openSqliteEventStore(join(ctx.dir, 'events.db'));
  const rebuilt = await rebuildFromLog(events, tempDir('bq-cut-rebuild'), 120_000);
  const served = await openBigQueryWarehouse({ projectId: emulator.projectId, dataset, apiEndpoint: emulator.endpoint });
  const fresh = await openDuckdbWarehouse(rebuilt.warehouseFile);
  try {
    let rows = 0;
    for (const table of TABLE_NAMES) {
      for (const tenantId of ctx.tenants) {
        const [mine, clean] = [await served.rows(table, tenantId, { limit: 10_000 }), await fresh.rows(table, tenantId, { limit: 10_000 })];
        assert.equal(mine, clean, `${table} of ${tenantId}`);
        if (Array.isArray(mine)) rows += mine.length;
      }
    }
    assert.ok(rows >= ctx.tenants.length, `compared ${rows} rows`);
  } finally {
    await fresh.close();
    await served.close();
    await rebuilt.close();
    await events.close();
  }
});

t.run();

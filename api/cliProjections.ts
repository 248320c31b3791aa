// `adledger projections status | rebuild <name>`: through the running server when there is
// one (it holds the projectors' leases), otherwise in this process.
import type { Config } from './config.ts';
import { openEventStore } from './openEventStore.ts';
import { openDocumentStore } from './openDocumentStore.ts';
import { projectionDaemon, type ProjectionStatus } from '../projections/runtime/daemon.ts';
import { allProjections } from '../projections/definitions/index.ts';
import type { RebuildProgress } from '../projections/runtime/rebuild.ts';
import { progressPrinter } from './progressBar.ts';
import { openAuth } from './openAuth.ts';
import { ensureCliUser } from './auth/bootstrap.ts';

// The CLI holds the same token key as the server (DATA_DIR or AUTH_SECRET), so it signs
// itself a short-lived token as its directory user for the ops routes (none if disabled).
async function opsHeadersFor(config: Config): Promise<Record<string, string>> {
  const { users, signer } = await openAuth(config);
  try {
    const cli = await ensureCliUser(users);
    if (!cli || cli.disabled) return {};
    const { id, name, role, tenantId } = cli;
    const { token } = signer.sign({ id, name, role, tenantId }, 300, cli.tokenVersion);
    return { authorization: `Bearer ${token}` };
  } finally {
    await users.close();
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serverStatus(base: string, opsHeaders: Record<string, string>): Promise<ProjectionStatus[] | undefined> {
  try {
    const response = await fetch(`${base}/api/ops/projections`, { headers: opsHeaders, signal: AbortSignal.timeout(1500) });
    return response.ok ? ((await response.json()) as { projections: ProjectionStatus[] }).projections : undefined;
  } catch {
    return undefined;
  }
}

export async function projectionsCommand(config: Config, sub: string | undefined, name: string | undefined): Promise<number> {
  const base = `http://${config.HOST}:${config.PORT}`;
  const opsHeaders = await opsHeadersFor(config);
  const remote = await serverStatus(base, opsHeaders);
  if (sub === 'status') {
    console.log(JSON.stringify({ source: remote ? base : 'in-process', projections: remote ?? (await inProcess(config, async (d) => d.status())) }, null, 2));
    return 0;
  }
  if (sub !== 'rebuild' || !name) return -1;
  if (!allProjections.some((p) => p.name === name)) {
    console.error(`there is no projection ${name}; known: ${allProjections.map((p) => p.name).join(', ')}`);
    return 64;
  }
  const print = progressPrinter();
  if (!remote) {
    await inProcess(config, (daemon) => daemon.rebuild(name, print));
    return 0;
  }
  const started = await fetch(`${base}/api/ops/projections/${name}/rebuild`, { method: 'POST', headers: opsHeaders });
  if (started.status !== 202) {
    console.error(`the server refused the rebuild: ${started.status} ${await started.text()}`);
    return 1;
  }
  // Asked of the process holding the lease (the server is an API instance): done when the
  // generation readers see has moved on.
  if (((await started.json()) as { status?: string }).status === 'requested') {
    const from = remote.find((s) => s.name === name)?.generation ?? 1;
    console.error(`requested: the process holding ${name}'s lease rebuilds it (generation ${from} now)`);
    for (;;) {
      await sleep(500);
      const status = (await serverStatus(base, opsHeaders))?.find((s) => s.name === name);
      if (status && status.generation > from) {
        console.error(`done: ${name} reads generation ${status.generation}, at position ${status.position}`);
        return 0;
      }
    }
  }
  // Follow the server's progress until the rebuild entry is gone (switched over).
  let last: RebuildProgress | undefined;
  for (;;) {
    await sleep(250);
    const status = (await serverStatus(base, opsHeaders))?.find((s) => s.name === name);
    if (!status) continue;
    if (status.rebuild) print((last = status.rebuild));
    else if (last || status.generation > 1) {
      // A small projection may finish between two polls: report the switch-over anyway.
      print({ ...(last ?? { name, generation: status.generation, total: status.head, eventsPerSecond: 0, etaSeconds: 0 }), phase: 'done', done: status.position });
      return 0;
    }
  }
}

async function inProcess<T>(config: Config, work: (daemon: ReturnType<typeof projectionDaemon>) => Promise<T>): Promise<T> {
  const events = await openEventStore(config);
  const docs = await openDocumentStore(config);
  const daemon = projectionDaemon({ events, docs, projections: allProjections, holder: 'adledger-cli' });
  try {
    await daemon.start();
    await daemon.waitFor(await events.headPosition(), 60_000);
    return await work(daemon);
  } finally {
    await daemon.stop();
    await docs.close();
    await events.close();
  }
}

// Between the load and the checks: the server is given time (bounded) to finish what the load
// started — every requested launch completed by the saga, every projection (the reporting one
// included) at the head of the log — so what is compared afterwards is the server at rest.
import type { Auth, SoakClient } from './client.ts';

type LaunchPage = { docs: { id: string; status: string; execution?: { completed?: unknown; campaigns: Record<string, { open?: unknown }> } }[] };
type Ops = { projections: { name: string; position: string; state: string }[] };

export interface Quiet {
  readonly seconds: number;
  readonly launchesOpen: readonly string[]; // launch docs still working when the wait ended
  readonly projectionsBehind: readonly string[];
  readonly head: string;
}

async function openLaunches(client: SoakClient, auth: Auth, tenants: readonly string[]): Promise<string[]> {
  const open: string[] = [];
  for (const tenantId of tenants) {
    const page = await client.get<LaunchPage>('quiesce', '/api/launches', `/api/launches?tenantId=${tenantId}&limit=500`, auth);
    if (page?.status !== 200) return [`${tenantId}: launches answered ${page?.status ?? 'nothing'}`];
    for (const doc of page.body.docs) {
      const working = doc.execution && (!doc.execution.completed || Object.values(doc.execution.campaigns).some((c) => c.open));
      if (doc.status === 'requested' && (!doc.execution || working)) open.push(doc.id);
    }
  }
  return open;
}

async function behind(client: SoakClient, auth: Auth): Promise<{ head: string; behind: string[] }> {
  const health = await client.get<{ head: string }>('quiesce', '/health', '/health', {});
  const ops = await client.get<Ops>('quiesce', '/api/ops/projections', '/api/ops/projections', auth);
  const head = health?.body.head ?? '?';
  if (!health || !ops || ops.status !== 200) return { head, behind: ['ops status not answered'] };
  return { head, behind: ops.body.projections.filter((p) => p.state !== 'live' || BigInt(p.position) < BigInt(head)).map((p) => `${p.name}: ${p.state} at ${p.position} of ${head}`) };
}

export async function quiesce(client: SoakClient, auth: Auth, tenants: readonly string[], timeoutMs: number): Promise<Quiet> {
  const started = Date.now();
  let launchesOpen: string[] = [];
  let state = { head: '?', behind: ['not asked yet'] };
  while (Date.now() - started < timeoutMs) {
    launchesOpen = await openLaunches(client, auth, tenants);
    if (launchesOpen.length === 0) {
      state = await behind(client, auth);
      // Quiet only if nothing moved meanwhile: a launch projected after the first look is seen now.
      if (state.behind.length === 0 && (launchesOpen = await openLaunches(client, auth, tenants)).length === 0 && (await behind(client, auth)).head === state.head) break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { seconds: Math.round((Date.now() - started) / 100) / 10, launchesOpen: launchesOpen.slice(0, 20), projectionsBehind: state.behind, head: state.head };
}

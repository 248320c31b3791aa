// The soak's people, signed in the way people are: the first admin with the link the server
// printed at its first start, the demo's planner (an agency user) with a link from the CLI.
import { runCli, type Product } from '../../test/e2e/processes.ts';
import type { People } from './workload.ts';

async function login(product: Product, link: string | undefined, who: string): Promise<{ token: string; auth: Record<string, string> }> {
  const code = /\/login#code=([A-Za-z0-9_-]+)/.exec(link ?? '')?.[1];
  if (!code) throw new Error(`no login link for ${who}`);
  const res = await product.post<{ token?: string }>('/api/auth/login', { code });
  if (res.status !== 200 || !res.body.token) throw new Error(`${who} could not sign in: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, auth: { authorization: `Bearer ${res.body.token}` } };
}

export async function signInPeople(product: Product, dataDir: string): Promise<People & { readonly adminToken: string }> {
  const admin = await login(product, product.stdout(), 'admin');
  const cli = await runCli(dataDir, ['users', 'link', 'maria.planner'], 60_000, {}, true); // the server's own files, as it runs embedded
  if (cli.code !== 0) throw new Error(`users link maria.planner: exit ${cli.code}: ${cli.stderr}`);
  const planner = await login(product, cli.stdout, 'maria.planner');
  return { admin: admin.auth, planner: planner.auth, adminToken: admin.token };
}

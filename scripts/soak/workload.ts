// What the soak does to the server: workers, each with a tenant of its own, loop until the
// deadline picking the next thing to do — a step of their plan's life (edit, submit, approve,
// launch on the sandbox, a second version that supersedes the first), a query, a cheap
// command, or a performance sync — as a busy agency's people and schedulers would.
import type { Auth, SoakClient } from './client.ts';

export interface People {
  readonly admin: Auth; // agency-admin: approves
  readonly planner: Auth; // agency-user: drafts, submits, requests launches
}

export interface Launched {
  readonly tenantId: string;
  readonly planId: string;
  readonly version: number;
}

const M = 1_000_000;
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const lineItem = (lineItemId: string, platform: string, objective: string, budget: number) => ({
  lineItemId,
  name: `${platform} ${objective}`,
  platform,
  objective,
  budgetMicros: budget * M,
  currency: 'EUR',
  flightStart: '2026-12-01',
  flightEnd: '2026-12-31',
  creativeAssetId: `soak-${lineItemId}`,
  landingUrl: `https://soak.example/${lineItemId}`,
});

type Step = { who: keyof People; type: string; data: (planId: string) => Record<string, unknown>; launches?: number };

// A plan's life: two versions, each approved and launched; the second supersedes the first.
const planLife: readonly Step[] = [
  { who: 'planner', type: 'plan.create', data: (planId) => ({ planId, name: `Soak ${planId}`, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2027-01-31', budgetMicros: 50_000 * M }) },
  { who: 'planner', type: 'plan.add_line_item', data: (planId) => ({ planId, ...lineItem('search', 'google_ads', 'sales', 5_000) }) },
  { who: 'planner', type: 'plan.add_line_item', data: (planId) => ({ planId, ...lineItem('social', 'meta', 'traffic', 3_000) }) },
  { who: 'planner', type: 'plan.submit_version', data: (planId) => ({ planId }) },
  { who: 'admin', type: 'plan.approve_version', data: (planId) => ({ planId, version: 1, comment: 'soak' }) },
  { who: 'admin', type: 'launch.approve', data: (planId) => ({ planId, version: 1 }) },
  { who: 'planner', type: 'launch.request', data: (planId) => ({ planId, version: 1 }), launches: 1 },
  { who: 'planner', type: 'plan.update_line_item', data: (planId) => ({ planId, lineItemId: 'social', budgetMicros: 4_000 * M }) },
  { who: 'planner', type: 'plan.submit_version', data: (planId) => ({ planId }) },
  { who: 'admin', type: 'plan.approve_version', data: (planId) => ({ planId, version: 2 }) },
  { who: 'admin', type: 'launch.approve', data: (planId) => ({ planId, version: 2 }) },
  { who: 'planner', type: 'launch.request', data: (planId) => ({ planId, version: 2 }), launches: 2 },
];

const tenantSetup = (w: number): readonly [string, Record<string, unknown>][] => [
  ['tenant.create', { name: `Soak tenant ${w}`, currency: 'EUR', timezone: 'Europe/Istanbul' }],
  ['tenant.link_platform_account', { platform: 'google_ads', accountId: `900-000-${String(w).padStart(4, '0')}`, accountName: `Soak Google ${w}` }],
  ['tenant.link_platform_account', { platform: 'meta', accountId: `act_9000${w}`, accountName: `Soak Meta ${w}` }],
  ['tenant.report_tracking_health', { status: 'green', source: 'ga4' }],
];

export interface Workload {
  readonly launched: Launched[];
  readonly tenants: string[];
  run(until: number): Promise<void>;
}

export function workload(client: SoakClient, people: People, workers: number, runId: string): Workload {
  const launched: Launched[] = [];
  const tenants: string[] = [];

  async function worker(w: number, until: number): Promise<void> {
    const tenantId = `soak${runId}w${w}`;
    for (const [type, data] of tenantSetup(w)) {
      const answer = await client.command(people.admin, type, tenantId, data);
      if (answer?.status !== 201) throw new Error(`soak setup ${type} for ${tenantId}: ${answer?.status} ${JSON.stringify(answer?.body)}`);
    }
    tenants.push(tenantId);
    let plan = 0;
    let step = 0;
    let failures = 0;
    const planId = () => `p${plan}`;
    const queries: (() => Promise<unknown>)[] = [
      () => client.get('query approvals', '/api/approvals', `/api/approvals?tenantId=${tenantId}`, people.admin),
      () => client.get('query plans', '/api/plans', `/api/plans?tenantId=${tenantId}`, people.planner),
      () => client.get('query plan', '/api/plans/:tenantId/:planId', `/api/plans/${tenantId}/${planId()}`, people.planner),
      () => client.get('query plan versions', '/api/plans/:tenantId/:planId/versions', `/api/plans/${tenantId}/${planId()}/versions`, people.planner),
      () => client.get('query plan diff', '/api/plans/:tenantId/:planId/diff', `/api/plans/${tenantId}/p${Math.max(0, plan - 1)}/diff?from=1&to=2`, people.planner),
      () => client.get('query launches', '/api/launches', `/api/launches?tenantId=${tenantId}`, people.admin),
      () => client.get('query launch', '/api/launches/:tenantId/:planId/:version', `/api/launches/${tenantId}/p${Math.max(0, plan - 1)}/1`, people.admin),
      () => client.get('query campaigns', '/api/tenants/:tenantId/campaigns', `/api/tenants/${tenantId}/campaigns`, people.admin),
      () => client.get('query tenants', '/api/tenants', '/api/tenants', people.admin),
      () => client.get('query audit timeline', '/api/audit/timeline', `/api/audit/timeline?tenantId=${tenantId}&limit=50`, people.admin),
      () => client.get('query stream history', '/api/streams/:stream/history', `/api/streams/tenant-${tenantId}/history?limit=100`, people.admin),
      () => client.get('query performance daily', '/api/tenants/:tenantId/performance/daily', `/api/tenants/demo/performance/daily?from=${day(-30)}&to=${day(-1)}&limit=500`, people.admin),
      () => client.get('query performance kpis', '/api/tenants/:tenantId/performance/kpis', `/api/tenants/demo/performance/kpis?from=${day(-14)}&to=${day(-1)}`, people.admin),
    ];
    const cheapCommands: (() => Promise<unknown>)[] = [
      () => client.command(people.admin, 'tenant.set_kpi_targets', tenantId, { targetCpaMicros: (20 + Math.floor(Math.random() * 50)) * M, targetRoas: 3 }),
      () => client.command(people.admin, 'tenant.report_tracking_health', tenantId, { status: 'green', source: 'ga4', detail: `checked ${Date.now()}` }),
    ];
    const syncs: (() => Promise<unknown>)[] = [
      // The demo's accounts have 120 days of history on the sandbox: a week of it, re-synced.
      () => {
        const end = -1 - Math.floor(Math.random() * 90);
        return client.post('performance sync', '/api/tenants/:tenantId/performance/sync', '/api/tenants/demo/performance/sync', { from: day(end - 6), to: day(end) }, people.admin);
      },
      () => client.post('performance sync', '/api/tenants/:tenantId/performance/sync', `/api/tenants/${tenantId}/performance/sync`, { from: day(-3), to: day(-1) }, people.admin),
    ];

    async function nextPlanStep(): Promise<void> {
      const current = planLife[step]!;
      const answer = await client.command(people[current.who], current.type, tenantId, current.data(planId()));
      // A refusal or no answer: tried again, then the plan is left where it is for a new one.
      if (answer?.status === 201) {
        failures = 0;
        if (current.launches) launched.push({ tenantId, planId: planId(), version: current.launches });
        step++;
      } else if (++failures >= 3) step = planLife.length;
      if (step >= planLife.length) {
        plan++;
        step = 0;
        failures = 0;
      }
    }

    while (Date.now() < until) {
      const roll = Math.random();
      if (roll < 0.4) await nextPlanStep();
      else if (roll < 0.8) await pick(queries)();
      else if (roll < 0.95) await pick(cheapCommands)();
      else await pick(syncs)();
    }
  }

  return {
    launched,
    tenants,
    run: async (until) => {
      await Promise.all(Array.from({ length: workers }, (_, w) => worker(w, until)));
    },
  };
}

// No duplicate campaign on the sandbox: every campaign the log says a launch created is on the
// sandbox platform exactly once under its idempotency label, with the id the log recorded, and
// no label carries two campaigns. Read from the sandbox's own SQLite file once the server has
// stopped (connectors/platforms/sandbox/store.ts).
import Database from 'better-sqlite3';
import type { EventStore } from '../../../connectors/eventstore/port.ts';
import { idempotencyLabel } from '../../../connectors/platforms/idempotencyLabel.ts';
import type { Platform } from '../../../domain/shared/values.ts';

export interface SandboxCheck {
  readonly ok: boolean;
  readonly launchesRequested: number;
  readonly launchesCompleted: number;
  readonly campaignsInLog: number; // distinct campaigns the log says were ensured
  readonly campaignsOnSandbox: number; // carrying an idempotency label
  readonly duplicateLabels: readonly string[];
  readonly missing: readonly string[]; // in the log, not on the sandbox (or another id)
  readonly unfinished: readonly string[]; // launch streams requested but never completed (first 20)
}

type Succeeded = { planId: string; version: number; platform: Platform; logicalCampaignKey: string; platformCampaignId: string; action: string };

export async function checkSandbox(events: EventStore, sandboxFile: string, tenantPrefix: string): Promise<SandboxCheck> {
  const expected = new Map<string, { platform: string; id: string; what: string }>();
  const requested = new Set<string>();
  const completed = new Set<string>();
  for await (const event of events.readAll({ filter: { streamPrefixes: [`launch-${tenantPrefix}`] } })) {
    const tenantId = String(event.metadata.tenantId);
    if (event.type === 'launch.requested') requested.add(event.streamId);
    if (event.type === 'launch.completed') completed.add(event.streamId);
    if (event.type !== 'mutation.succeeded') continue;
    const d = event.data as Succeeded;
    if (d.action !== 'ensure') continue;
    const label = idempotencyLabel({ tenantId, planId: d.planId, version: d.version, platform: d.platform, logicalCampaignKey: d.logicalCampaignKey });
    expected.set(label, { platform: d.platform, id: d.platformCampaignId, what: `${event.streamId}/${d.platform}/${d.logicalCampaignKey}` });
  }
  const db = new Database(sandboxFile, { readonly: true });
  try {
    const labelled = db.prepare("SELECT platform, id, key_label AS label FROM campaigns WHERE key_label LIKE 'kobi_key_%'").all() as { platform: string; id: string; label: string }[];
    const byLabel = new Map<string, { platform: string; id: string }[]>();
    for (const row of labelled) byLabel.set(row.label, [...(byLabel.get(row.label) ?? []), row]);
    const duplicateLabels = [...byLabel].filter(([, rows]) => rows.length > 1).map(([label, rows]) => `${label}: ${rows.map((r) => r.id).join(', ')}`);
    const missing = [...expected].filter(([label, e]) => {
      const found = byLabel.get(label) ?? [];
      return !(found.length === 1 && found[0]!.platform === e.platform && found[0]!.id === e.id);
    }).map(([, e]) => e.what);
    const unfinished = [...requested].filter((s) => !completed.has(s));
    return {
      ok: duplicateLabels.length === 0 && missing.length === 0 && unfinished.length === 0 && expected.size > 0,
      launchesRequested: requested.size,
      launchesCompleted: [...requested].filter((s) => completed.has(s)).length,
      campaignsInLog: expected.size,
      campaignsOnSandbox: labelled.length,
      duplicateLabels: duplicateLabels.slice(0, 20),
      missing: missing.slice(0, 20),
      unfinished: unfinished.slice(0, 20),
    };
  } finally {
    db.close();
  }
}

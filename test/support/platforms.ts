// Specs and outcome assertions for platform tests; a failed assertion prints what came back.
import { join } from 'node:path';
import { suite } from 'uvu';
import { openSandboxPlatform, type SandboxPlatform } from '../../connectors/platforms/sandbox/platform.ts';
import { tempDir } from './tempDir.ts';
import * as assert from 'uvu/assert';
import { campaignName } from '../../domain/launch/manifest.ts';
import type { Objective, Platform } from '../../domain/shared/values.ts';
import type { AdTracking, CampaignSpec, PlatformErrorCode, PlatformError, PlatformOutcome } from '../../connectors/platforms/port.ts';

const show = (value: unknown): string => JSON.stringify(value, null, 1);

export function thenOk<T>(outcome: PlatformOutcome<T>, what = 'the call'): T {
  if (!outcome.ok) return assert.unreachable(`${what}: expected success, got ${show(outcome.error)}`) as never;
  return outcome.value;
}

export function thenFailed<T>(outcome: PlatformOutcome<T>, code: PlatformErrorCode, retryable: boolean): PlatformError {
  if (outcome.ok) return assert.unreachable(`expected ${code}, got success ${show(outcome.value)}`) as never;
  assert.is(outcome.error.code, code, `expected ${code}, got ${show(outcome.error)}`);
  assert.is(outcome.error.retryable, retryable, `expected retryable=${retryable} for ${code}, got ${show(outcome.error)}`);
  assert.ok(outcome.error.message.length > 0, `an error says something to a person: ${show(outcome.error)}`);
  return outcome.error;
}

// How each platform is tracked (DESIGN §3): Google auto-tagging with kcid/kpv, Meta utm_*.
export const trackingFor = (platform: Platform): AdTracking =>
  platform === 'google_ads'
    ? { mode: 'auto_tagging', finalUrlSuffix: 'kcid={_kcid}&kpv={_kpv}', customParameters: { kcid: 'SKU123', kpv: 'v1' } }
    : { mode: 'utm', urlTags: 'utm_source=meta&utm_medium=paid_social&utm_campaign={{campaign.id}}&utm_content={{ad.id}}' };

export interface SpecOptions {
  readonly platform: Platform;
  readonly accountId: string;
  readonly tenantId: string;
  readonly planId?: string;
  readonly version?: number;
  readonly objective?: Objective;
  readonly budgetMicros?: number; // over the whole flight
  readonly currency?: string;
  readonly flight?: { readonly startDate: string; readonly endDate: string };
}

// One ad group with two ads, 31 days at 10 units a day: above every platform minimum.
export function aSpec(o: SpecOptions): CampaignSpec {
  const objective = o.objective ?? 'traffic';
  const version = o.version ?? 1;
  const tracking = trackingFor(o.platform);
  return {
    key: { tenantId: o.tenantId, planId: o.planId ?? 'plan1', version, platform: o.platform, logicalCampaignKey: `${o.platform}:${objective}` },
    accountId: o.accountId,
    name: campaignName(o.tenantId, o.platform, objective, version),
    objective,
    budget: { amountMicros: o.budgetMicros ?? 310_000_000, currency: o.currency ?? 'EUR', period: 'total' },
    flight: o.flight ?? { startDate: '2027-01-01', endDate: '2027-01-31' },
    adGroups: [
      {
        key: 'main',
        name: `${objective} main`,
        ads: [
          { key: 'a1', name: 'Ad one', finalUrl: 'https://shop.example/spring', tracking },
          { key: 'a2', name: 'Ad two', finalUrl: 'https://shop.example/summer', tracking },
        ],
      },
    ],
  };
}

// A suite whose every test gets a sandbox on a fresh file, closed after the test whatever
// happened in it.
export function sandboxSuite(name: string) {
  const dir = tempDir('sandbox');
  let n = 0;
  const t = suite<{ sandbox: SandboxPlatform }>(name);
  t.before.each((ctx) => {
    ctx.sandbox = openSandboxPlatform(join(dir, `s-${n++}.db`));
  });
  t.after.each(async (ctx) => ctx.sandbox.close());
  return t;
}

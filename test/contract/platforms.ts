// One contract for every ad platform adapter (sandbox, Google Ads, Meta). It assumes
// nothing about what else is in the account: each case works under a tenant of its own.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Platform } from '../../domain/shared/values.ts';
import type { CampaignRef, CampaignStatus, IdempotencyKey, PlatformPort } from '../../connectors/platforms/port.ts';
import { uniqueSuffix } from '../support/ids.ts';
import { aSpec, thenFailed, thenOk, type SpecOptions } from '../support/platforms.ts';

export type ContractFault = { readonly kind: 'rate_limited'; readonly retryAfterMs: number } | { readonly kind: 'unavailable' } | { readonly kind: 'lost_response' };

// What the suite needs beyond the port: each adapter's test setup provides these (the
// sandbox directly; the real adapters through their local servers or an account).
export interface PlatformUnderTest {
  readonly port: PlatformPort;
  readonly platform: Platform;
  readonly accountId: string;
  creations(key: IdempotencyKey): Promise<number>; // campaigns the platform ever made for the key
  editByHand(ref: CampaignRef, edit: { readonly budgetMicros?: number; readonly status?: CampaignStatus; readonly name?: string }): Promise<void>;
  failNext(operation: 'ensureCampaign' | 'readCampaign', fault: ContractFault): void;
  reopen(): Promise<PlatformPort>; // a new adapter on the same platform state, as after a crash
  close(): Promise<void>;
}

interface Ctx {
  t: PlatformUnderTest;
  spec: (o?: Partial<SpecOptions>) => ReturnType<typeof aSpec>;
  tenantId: string;
}

export function platformContract(name: string, open: () => Promise<PlatformUnderTest>): void {
  const s = suite<Ctx>(`platform contract: ${name}`);
  s.before.each(async (ctx) => {
    ctx.t = await open();
    ctx.tenantId = `t${uniqueSuffix()}`;
    ctx.spec = (o = {}) => aSpec({ platform: ctx.t.platform, accountId: ctx.t.accountId, tenantId: ctx.tenantId, ...o });
  });
  s.after.each(async (ctx) => ctx.t.close());
  const ref = (t: PlatformUnderTest, campaignId: string): CampaignRef => ({ platform: t.platform, accountId: t.accountId, campaignId });

  s('given a new key, when ensured twice, then one campaign is created and the second ensure is unchanged with the same ids', async ({ t, spec }) => {
    const first = thenOk(await t.port.ensureCampaign(spec()), 'first ensure');
    const second = thenOk(await t.port.ensureCampaign(spec()), 'second ensure');
    assert.is(first.outcome, 'created');
    assert.is(second.outcome, 'unchanged');
    assert.equal(second.campaignId, first.campaignId);
    assert.equal(second.adGroups, first.adGroups);
    assert.equal(first.drift, []);
    assert.is(first.trackingMode, t.platform === 'google_ads' ? 'auto_tagging' : 'utm');
    assert.is(await t.creations(spec().key), 1);
    const read = thenOk(await t.port.readCampaign(ref(t, first.campaignId)), 'read back');
    assert.equal([read.name, read.status, read.budget, read.flight], [spec().name, 'enabled', spec().budget, spec().flight]);
    assert.equal(read.adGroups.flatMap((g) => g.ads.map((a) => [a.id, a.finalUrl, a.tracking])), first.adGroups.flatMap((g, i) => g.ads.map((a, j) => [a.id, spec().adGroups[i]!.ads[j]!.finalUrl, spec().adGroups[i]!.ads[j]!.tracking])));
  });

  s('given an ensured campaign, when ensured with another budget and a new ad, then it is updated in place', async ({ t, spec }) => {
    const first = thenOk(await t.port.ensureCampaign(spec()));
    const base = spec({ budgetMicros: 620_000_000 });
    const group = base.adGroups[0]!;
    const changed = { ...base, adGroups: [{ ...group, ads: [...group.ads, { ...group.ads[0]!, key: 'a3', name: 'Ad three' }] }] };
    const second = thenOk(await t.port.ensureCampaign(changed));
    assert.equal([second.outcome, second.campaignId, second.drift], ['updated', first.campaignId, []]);
    assert.equal(second.adGroups[0]!.ads.slice(0, 2), first.adGroups[0]!.ads, 'existing ads keep their ids');
    assert.is(second.adGroups[0]!.ads.length, 3);
    const read = thenOk(await t.port.readCampaign(ref(t, first.campaignId)));
    assert.is(read.budget.amountMicros, 620_000_000);
    assert.is(await t.creations(spec().key), 1);
  });

  s('given hand edits on the platform, when ensured again, then they show as drift; budget and name return to the plan, status stays as found', async ({ t, spec }) => {
    const first = thenOk(await t.port.ensureCampaign(spec()));
    await t.editByHand(ref(t, first.campaignId), { budgetMicros: 900_000_000, name: 'renamed by hand', status: 'paused' });
    const again = thenOk(await t.port.ensureCampaign(spec()));
    assert.is(again.campaignId, first.campaignId, 'a renamed campaign is still found by its key');
    assert.equal(
      [...again.drift].sort((a, b) => a.field.localeCompare(b.field)),
      [
        { field: 'budget', lastWritten: 310_000_000, found: 900_000_000 },
        { field: 'name', lastWritten: spec().name, found: 'renamed by hand' },
        { field: 'status', lastWritten: 'enabled', found: 'paused' },
      ],
    );
    assert.is(again.outcome, 'updated');
    const read = thenOk(await t.port.readCampaign(ref(t, first.campaignId)));
    assert.equal([read.name, read.budget.amountMicros, read.status], [spec().name, 310_000_000, 'paused']);
  });

  s('given a campaign, when paused, resumed and removed, then readCampaign shows each status and a removed one cannot resume', async ({ t, spec }) => {
    const r = ref(t, thenOk(await t.port.ensureCampaign(spec())).campaignId);
    assert.is(thenOk(await t.port.pause(r)).status, 'paused');
    assert.is(thenOk(await t.port.readCampaign(r)).status, 'paused');
    const ensuredPaused = thenOk(await t.port.ensureCampaign(spec()));
    assert.equal([ensuredPaused.status, ensuredPaused.drift], ['paused', []], 'our own pause is not drift, and ensure does not undo it');
    assert.is(thenOk(await t.port.resume(r)).status, 'enabled');
    assert.is(thenOk(await t.port.readCampaign(r)).status, 'enabled');
    assert.is(thenOk(await t.port.remove(r)).status, 'removed');
    assert.is(thenOk(await t.port.readCampaign(r)).status, 'removed');
    thenFailed(await t.port.resume(r), 'platform.invalid', false);
    thenFailed(await t.port.ensureCampaign(spec()), 'platform.invalid', false);
    assert.is(await t.creations(spec().key), 1, 're-running a removed campaign\'s key never makes a second one');
  });

  s('given a campaign, when its budget is set, then it is read back; a budget below the platform minimum is refused as a value', async ({ t, spec }) => {
    const r = ref(t, thenOk(await t.port.ensureCampaign(spec())).campaignId);
    const budget = { amountMicros: 50_000_000, currency: 'EUR', period: 'daily' as const };
    assert.equal(thenOk(await t.port.setBudget(r, budget)).budget, budget);
    assert.equal(thenOk(await t.port.readCampaign(r)).budget, budget);
    thenFailed(await t.port.setBudget(r, { ...budget, amountMicros: 10_000 }), 'platform.budget_rejected', false);
    assert.equal(thenOk(await t.port.readCampaign(r)).budget, budget, 'a refused budget changes nothing');
  });

  s('given campaigns of two tenants, when listed by a tenant prefix, then only that tenant\'s come back', async ({ t, spec, tenantId }) => {
    const a = thenOk(await t.port.ensureCampaign(spec({ objective: 'traffic' })));
    const b = thenOk(await t.port.ensureCampaign(spec({ objective: 'sales' })));
    const other = aSpec({ platform: t.platform, accountId: t.accountId, tenantId: `t${uniqueSuffix()}` });
    thenOk(await t.port.ensureCampaign(other));
    const listed = thenOk(await t.port.listCampaigns({ platform: t.platform, accountId: t.accountId }, `kobi_${tenantId}_`));
    assert.equal(listed.map((c) => c.campaignId).sort(), [a.campaignId, b.campaignId].sort());
    assert.equal(thenOk(await t.port.listCampaigns({ platform: t.platform, accountId: t.accountId }, `${spec().name}_nothing`)), []);
  });

  s('given two plans of one tenant with the same campaign name, when both are ensured, then each key has its own campaign', async ({ t, spec }) => {
    const one = thenOk(await t.port.ensureCampaign(spec({ planId: 'planA' })));
    const two = thenOk(await t.port.ensureCampaign(spec({ planId: 'planB' })));
    assert.equal([one.outcome, two.outcome], ['created', 'created']);
    assert.is.not(one.campaignId, two.campaignId);
  });

  s('given a dry run, when validated, then it says what ensure would do and changes nothing', async ({ t, spec }) => {
    assert.equal(thenOk(await t.port.validate(spec())), { wouldBe: 'created' });
    assert.is(await t.creations(spec().key), 0);
    assert.equal(thenOk(await t.port.listCampaigns({ platform: t.platform, accountId: t.accountId }, spec().name)), []);
    const made = thenOk(await t.port.ensureCampaign(spec()));
    assert.equal(thenOk(await t.port.validate(spec({ budgetMicros: 620_000_000 }))), { wouldBe: 'updated', campaignId: made.campaignId });
    assert.is(thenOk(await t.port.readCampaign(ref(t, made.campaignId))).budget.amountMicros, 310_000_000);
    thenFailed(await t.port.validate(spec({ budgetMicros: 10_000 })), 'platform.budget_rejected', false);
  });

  s('given a create whose answer was lost, when a restarted adapter ensures again, then it finds the campaign by key and creates nothing', async ({ t, spec }) => {
    t.failNext('ensureCampaign', { kind: 'lost_response' });
    thenFailed(await t.port.ensureCampaign(spec()), 'platform.unavailable', true);
    const restarted = await t.reopen();
    const again = thenOk(await restarted.ensureCampaign(spec()));
    assert.is(again.outcome, 'unchanged');
    assert.is(await t.creations(spec().key), 1);
    const listed = thenOk(await restarted.listCampaigns({ platform: t.platform, accountId: t.accountId }, spec().name));
    assert.equal(listed.map((c) => c.campaignId), [again.campaignId]);
  });

  s('given an account, when read, then it names itself; a Google Ads account says whether auto-tagging is on (QC reads it, never assumes it)', async ({ t, spec }) => {
    thenOk(await t.port.ensureCampaign(spec()));
    const account = thenOk(await t.port.readAccount({ platform: t.platform, accountId: t.accountId }));
    assert.equal([account.platform, account.accountId], [t.platform, t.accountId]);
    assert.is(account.currency, spec().budget.currency);
    if (t.platform === 'google_ads') assert.type(account.autoTagging, 'boolean', `auto-tagging must be read: ${JSON.stringify(account)}`);
    else assert.is(account.autoTagging, undefined);
  });

  s('given platform refusals and outages, when called, then each resolves to an error value with retryable set right', async ({ t, spec }) => {
    thenFailed(await t.port.readCampaign(ref(t, '999999999999')), 'platform.not_found', false);
    const ad = spec().adGroups[0]!.ads[0]!;
    const badTracking =
      t.platform === 'google_ads'
        ? { ...ad, finalUrl: 'https://shop.example/?utm_source=google' }
        : { ...ad, tracking: { mode: 'utm' as const, urlTags: 'utm_source=meta' } };
    thenFailed(await t.port.ensureCampaign({ ...spec(), adGroups: [{ ...spec().adGroups[0]!, ads: [badTracking] }] }), 'platform.invalid', false);
    t.failNext('ensureCampaign', { kind: 'rate_limited', retryAfterMs: 1500 });
    const limited = thenFailed(await t.port.ensureCampaign(spec()), 'platform.rate_limited', true);
    assert.is(limited.retryAfterMs, 1500);
    t.failNext('readCampaign', { kind: 'unavailable' });
    thenFailed(await t.port.readCampaign(ref(t, '1')), 'platform.unavailable', true);
    assert.is(await t.creations(spec().key), 0, 'nothing was created by refused calls');
  });

  s.run();
}

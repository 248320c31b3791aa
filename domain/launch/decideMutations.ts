// The launch aggregate's rules for platform mutations: one open mutation per campaign, no
// new campaign once tracking is not green (the launch halts), failures counted against the
// retry budget, and what needs a person (policy disapproval, a missing creative).
import { findVersion } from '../plan/state.ts';
import type { DomainError } from '../shared/errors.ts';
import { conflict, notFound, refuse } from '../shared/errors.ts';
import type { LaunchContext } from './decide.ts';
import type { LaunchEvent } from './events.ts';
import type { Execution } from './execution.ts';
import type { executionCommandSchemas } from './executionCommands.ts';
import { flightOf, lineItemsOf, MAX_ATTEMPTS } from './executionFacts.ts';
import { localDate } from '../shared/values.ts';
import type { LaunchState } from './state.ts';
import type { CommandUnion } from '../shared/decider.ts';
import type { Platform } from '../shared/values.ts';

type Commands = CommandUnion<typeof executionCommandSchemas>;
export type MutationCommand = Extract<Commands, { type: 'launch.request_mutation' | 'launch.record_mutation_outcome' | 'launch.open_touchpoint' | 'launch.resolve_touchpoint' }>;

export function decideMutation(command: MutationCommand, launch: LaunchState, x: Execution, ctx: LaunchContext): readonly LaunchEvent[] | DomainError {
  const { planId, version } = command.data;
  const target = { planId, version };
  switch (command.type) {
    case 'launch.request_mutation': {
      const { logicalCampaignKey: key, action, reason } = command.data;
      const c = x.campaigns[key];
      if (!c) return notFound('launch.campaign_not_found', `Version ${version} of plan ${planId} has no campaign ${key}`);
      if (c.open) return conflict('launch.mutation_open', `Mutation ${c.open.mutationId} (${c.open.action}) of ${key} has no outcome yet`);
      if (action === 'ensure') {
        if (launch.status !== 'requested' || x.completed) return refuse('launch.not_executing', `The launch of version ${version} of plan ${planId} is no longer creating campaigns`);
        if (x.halted) return refuse('launch.halted', x.halted.message);
        if (c.outcome !== 'pending') return conflict('launch.campaign_settled', `Campaign ${key} is already ${c.outcome}`);
        if (c.touchpoint) return refuse('launch.waiting_for_person', `Campaign ${key} waits for touchpoint ${c.touchpoint}`);
        // DESIGN §3: nothing spends unless tracking is green, checked again before every campaign.
        if (ctx.tenant.tracking.status !== 'green') {
          const message = `GA4 tracking for tenant ${ctx.tenant.id} turned ${ctx.tenant.tracking.status}; the remaining campaigns are not created`;
          return [{ type: 'launch.halted', data: { ...target, code: 'launch.tracking_not_green', message } }];
        }
      } else if (!c.platformCampaignId) {
        return refuse('launch.campaign_not_created', `Campaign ${key} was never created on ${c.platform}, so it cannot ${action}`);
      }
      const f = c.lastFailure;
      const again = f && f.action === action && f.reason === reason;
      if (again && f.final) return refuse('launch.mutation_gave_up', `${action} of ${key} failed for good: ${f.message}`);
      const attempt = again ? f.attempt + 1 : 1;
      const mutationId = `m${x.mutations + 1}`;
      const id = c.platformCampaignId ? { platformCampaignId: c.platformCampaignId } : {};
      return [{ type: 'mutation.requested', data: { ...target, platform: c.platform, logicalCampaignKey: key, mutationId, action, reason, attempt, ...id } }];
    }
    case 'launch.record_mutation_outcome': {
      const { mutationId, result } = command.data;
      const c = Object.values(x.campaigns).find((k) => k.open?.mutationId === mutationId);
      if (!c?.open) return conflict('launch.mutation_not_open', `Mutation ${mutationId} is not awaiting an outcome`);
      const about = { ...target, platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, mutationId, action: c.open.action };
      if (result.ok) {
        const { ok: _ok, ...outcome } = result;
        const events: LaunchEvent[] = [{ type: 'mutation.succeeded', data: { ...about, ...outcome } }];
        if (c.open.action === 'ensure' && c.outcome === 'pending') events.push(wentUp(target, c, result.platformCampaignId, result.trackingMode ?? 'utm', launch, ctx));
        return events;
      }
      const { ok: _ok, ...failure } = result;
      const needsPerson = failure.code === 'platform.policy_disapproved';
      const final = needsPerson || !failure.retryable || c.open.attempt >= MAX_ATTEMPTS;
      const events: LaunchEvent[] = [{ type: 'mutation.failed', data: { ...about, ...failure, final } }];
      if (needsPerson) {
        const touchpointId = `tp${Object.keys(x.touchpoints).length + 1}`;
        const message = `${c.platform} disapproved campaign ${c.logicalCampaignKey}: ${failure.platformMessage ?? failure.message}. Fix it on the platform, then retry, or skip it`;
        events.push({ type: 'launch.touchpoint_opened', data: { ...target, platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, touchpointId, kind: 'policy_disapproval', message } });
      }
      if (failure.code === 'platform.payer_problem' && !x.payerFlagged.includes(c.logicalCampaignKey)) {
        const accountId = ctx.tenant.accounts[c.platform]?.accountId ?? 'unknown';
        events.push({ type: 'launch.payer_problem_flagged', data: { ...target, platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, accountId, message: failure.message, audience: 'agency_master' } });
      }
      return events;
    }
    case 'launch.open_touchpoint': {
      const { logicalCampaignKey: key } = command.data;
      const c = x.campaigns[key];
      if (!c) return notFound('launch.campaign_not_found', `Version ${version} of plan ${planId} has no campaign ${key}`);
      if (c.touchpoint) return conflict('launch.touchpoint_open', `Campaign ${key} already waits for touchpoint ${c.touchpoint}`);
      if (c.outcome !== 'pending') return conflict('launch.campaign_settled', `Campaign ${key} is already ${c.outcome}`);
      const touchpointId = `tp${Object.keys(x.touchpoints).length + 1}`;
      return [{ type: 'launch.touchpoint_opened', data: { ...command.data, touchpointId, kind: 'creative_missing' } }];
    }
    case 'launch.resolve_touchpoint': {
      const { touchpointId, resolution, creatives } = command.data;
      const tp = x.touchpoints[touchpointId];
      if (!tp) return notFound('launch.touchpoint_not_found', `The launch of version ${version} of plan ${planId} has no touchpoint ${touchpointId}`);
      if (!tp.open) return conflict('launch.touchpoint_resolved', `Touchpoint ${touchpointId} was already resolved (${tp.resolution})`);
      if (tp.kind === 'creative_missing' && resolution === 'retry') {
        const missing = missingCreatives(target, launch, x, tp.logicalCampaignKey, ctx, creatives ?? []);
        if (missing.length > 0) return refuse('launch.creative_missing', `Line item(s) ${missing.join(', ')} still have no creative and landing page`, { lineItemIds: missing });
      }
      return [{ type: 'launch.touchpoint_resolved', data: command.data }];
    }
  }
}

type Target = { readonly planId: string; readonly version: number };

function wentUp(target: Target, c: { platform: Platform; logicalCampaignKey: string }, platformCampaignId: string, trackingMode: 'auto_tagging' | 'utm', launch: LaunchState, ctx: LaunchContext): LaunchEvent {
  const key = c.logicalCampaignKey;
  const campaign = launch.manifest?.campaigns.find((m) => m.logicalCampaignKey === key);
  const planVersion = findVersion(ctx.plan, target.version);
  const base = { ...target, platform: c.platform, logicalCampaignKey: key, platformCampaignId, trackingMode };
  const start = campaign && planVersion ? flightOf(lineItemsOf(campaign, planVersion)).startDate : '';
  if (start > localDate(ctx.now, ctx.tenant.timezone)) return { type: 'campaign.scheduled', data: { ...base, startDate: start } };
  return { type: 'campaign.live', data: base };
}

// Line items of the campaign with neither a creative in the plan nor one given since.
export function missingCreatives(target: Target, launch: LaunchState, x: Execution, key: string, ctx: LaunchContext, extra: readonly { lineItemId: string }[] = []): string[] {
  const campaign = launch.manifest?.campaigns.find((m) => m.logicalCampaignKey === key);
  const planVersion = findVersion(ctx.plan, target.version);
  if (!campaign || !planVersion) return [];
  const given = new Set([...x.creatives, ...extra].map((c) => c.lineItemId));
  return lineItemsOf(campaign, planVersion)
    .filter((li) => (li.creativeAssetId === undefined || li.landingUrl === undefined) && !given.has(li.lineItemId))
    .map((li) => li.lineItemId);
}

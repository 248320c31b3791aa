// What the launch saga records in a launch's stream (spec 004, DESIGN §3): each platform
// call as a requested mutation and its outcome, what went live, what needed a person, and
// how the launch, its rollback and its supersession ended. Nothing here holds a secret.
import { z } from 'zod';
import { isoDateSchema, platformSchema } from '../shared/values.ts';
import { creativeAssetIdSchema, landingUrlSchema } from '../plan/events.ts';
import { idSchema } from '../streams.ts';

const versionSchema = z.number().int().positive();
const target = { planId: idSchema, version: versionSchema };
const campaignKey = { platform: platformSchema, logicalCampaignKey: z.string().min(1) };
const platformCampaignId = z.string().min(1).max(100);

export const mutationActionSchema = z.enum(['ensure', 'pause', 'resume', 'remove']);
export type MutationAction = z.infer<typeof mutationActionSchema>;
// Why the saga touches a campaign: to launch it, or to take it back for one of these.
export const mutationReasonSchema = z.enum(['launch', 'atomic_rollback', 'rollback', 'supersede', 'resume']);
export type MutationReason = z.infer<typeof mutationReasonSchema>;
export const trackingModeSchema = z.enum(['auto_tagging', 'utm']);
export const platformStatusSchema = z.enum(['enabled', 'paused', 'removed']);
export const launchOutcomeSchema = z.enum(['live', 'partial', 'failed']);
export type LaunchOutcome = z.infer<typeof launchOutcomeSchema>;
export const touchpointKindSchema = z.enum(['policy_disapproval', 'creative_missing']);
export type TouchpointKind = z.infer<typeof touchpointKindSchema>;
export const escalationKindSchema = z.enum(['launch_sla', 'partial_sla']);
export type EscalationKind = z.infer<typeof escalationKindSchema>;

const driftSchema = z.strictObject({ field: z.enum(['name', 'status', 'budget']), lastWritten: z.union([z.string(), z.number()]), found: z.union([z.string(), z.number()]) });
const adGroupIdsSchema = z.strictObject({ key: z.string(), id: z.string(), ads: z.array(z.strictObject({ key: z.string(), id: z.string() })) });
const reasonSchema = z.strictObject({ code: z.string().min(1), message: z.string().min(1) });
// A line item's creative, given by a person when the plan had none (a human touchpoint).
export const providedCreativeSchema = z.strictObject({ lineItemId: idSchema, creativeAssetId: creativeAssetIdSchema, landingUrl: landingUrlSchema });
export type ProvidedCreative = z.infer<typeof providedCreativeSchema>;

export const campaignOutcomeSchema = z.strictObject({
  ...campaignKey,
  // rolled_back: it went live, and the atomic launch policy took it back when another failed.
  status: z.enum(['live', 'scheduled', 'failed', 'blocked', 'skipped', 'rolled_back']),
  platformCampaignId: platformCampaignId.optional(),
  trackingMode: trackingModeSchema.optional(),
});
export type CampaignOutcome = z.infer<typeof campaignOutcomeSchema>;

export const executionEventSchemas = {
  'mutation.requested': z.strictObject({
    ...target,
    ...campaignKey,
    mutationId: z.string().regex(/^m[1-9]\d*$/),
    action: mutationActionSchema,
    reason: mutationReasonSchema,
    attempt: z.number().int().positive(),
    platformCampaignId: platformCampaignId.optional(),
  }),
  'mutation.succeeded': z.strictObject({
    ...target,
    ...campaignKey,
    mutationId: z.string(),
    action: mutationActionSchema,
    platformCampaignId,
    platformStatus: platformStatusSchema,
    outcome: z.enum(['created', 'updated', 'unchanged']).optional(),
    trackingMode: trackingModeSchema.optional(),
    adGroups: z.array(adGroupIdsSchema).optional(),
    drift: z.array(driftSchema).optional(),
  }),
  // `final`: no further attempt will be made without a person (retries exhausted, a refusal).
  'mutation.failed': z.strictObject({
    ...target,
    ...campaignKey,
    mutationId: z.string(),
    action: mutationActionSchema,
    code: z.string().min(1),
    message: z.string().min(1),
    retryable: z.boolean(),
    final: z.boolean(),
    retryAfterMs: z.number().int().nonnegative().optional(),
    platformMessage: z.string().max(4000).optional(),
    reasons: z.array(reasonSchema).optional(),
  }),
  'campaign.live': z.strictObject({ ...target, ...campaignKey, platformCampaignId, trackingMode: trackingModeSchema }),
  'campaign.scheduled': z.strictObject({ ...target, ...campaignKey, platformCampaignId, trackingMode: trackingModeSchema, startDate: isoDateSchema }),
  // Tracking turned red (or amber) mid-launch: no further campaign is created.
  'launch.halted': z.strictObject({ ...target, code: z.string().min(1), message: z.string().min(1) }),
  'launch.touchpoint_opened': z.strictObject({
    ...target,
    ...campaignKey,
    touchpointId: z.string().min(1),
    kind: touchpointKindSchema,
    message: z.string().min(1),
    lineItemIds: z.array(idSchema).optional(),
  }),
  'launch.touchpoint_resolved': z.strictObject({
    ...target,
    touchpointId: z.string().min(1),
    resolution: z.enum(['retry', 'skip']),
    note: z.string().trim().min(3).max(2000),
    creatives: z.array(providedCreativeSchema).optional(),
  }),
  // A payer problem is the agency's to fix on its master billing, not the client's.
  'launch.payer_problem_flagged': z.strictObject({ ...target, ...campaignKey, accountId: z.string().min(1), message: z.string().min(1), audience: z.literal('agency_master') }),
  'launch.escalated': z.strictObject({ ...target, kind: escalationKindSchema, dueAt: z.iso.datetime(), message: z.string().min(1) }),
  'launch.completed': z.strictObject({ ...target, outcome: launchOutcomeSchema, campaigns: z.array(campaignOutcomeSchema), atomicRollback: z.boolean() }),
  'launch.superseded': z.strictObject({ ...target, byVersion: versionSchema }),
  'launch.predecessors_superseded': z.strictObject({ ...target, versions: z.array(versionSchema) }),
  'launch.rolled_back': z.strictObject({
    ...target,
    action: z.enum(['pause', 'remove']),
    campaigns: z.array(z.strictObject({ ...campaignKey, platformCampaignId, platformStatus: platformStatusSchema.optional(), failed: z.string().optional() })),
    // The version this one had superseded, whose campaigns a person may now resume.
    resumableVersion: versionSchema.optional(),
  }),
  // The version that superseded this one was rolled back: a person may now resume this one.
  'launch.resume_offered': z.strictObject({ ...target, byRollbackOf: versionSchema }),
  'launch.resume_requested': z.strictObject({ ...target, reason: z.string().trim().min(3).max(2000) }),
  'launch.resumed': z.strictObject({ ...target, campaigns: z.array(z.strictObject({ ...campaignKey, platformCampaignId, failed: z.string().optional() })) }),
} satisfies Record<string, z.ZodType>;

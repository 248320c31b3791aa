// Commands of a launch's execution. Most are the launch saga's (system actor); a person
// resolves a touchpoint and asks to resume a superseded version.
import { z } from 'zod';
import { platformSchema } from '../shared/values.ts';
import { idSchema } from '../streams.ts';
import { escalationKindSchema, executionEventSchemas as events, mutationActionSchema, mutationReasonSchema } from './executionEvents.ts';

const versionSchema = z.number().int().positive();
const target = { planId: idSchema, version: versionSchema };
const succeeded = events['mutation.succeeded'].omit({ planId: true, version: true, platform: true, logicalCampaignKey: true, mutationId: true, action: true });
const failed = events['mutation.failed'].omit({ planId: true, version: true, platform: true, logicalCampaignKey: true, mutationId: true, action: true, final: true });

export const executionCommandSchemas = {
  'launch.request_mutation': z.strictObject({ ...target, platform: platformSchema, logicalCampaignKey: z.string().min(1), action: mutationActionSchema, reason: mutationReasonSchema }),
  'launch.record_mutation_outcome': z.strictObject({
    ...target,
    mutationId: z.string().min(1),
    result: z.discriminatedUnion('ok', [succeeded.extend({ ok: z.literal(true) }), failed.extend({ ok: z.literal(false) })]),
  }),
  'launch.open_touchpoint': events['launch.touchpoint_opened'].omit({ touchpointId: true, kind: true }),
  'launch.resolve_touchpoint': events['launch.touchpoint_resolved'],
  'launch.complete': z.strictObject(target),
  'launch.escalate': z.strictObject({ ...target, kind: escalationKindSchema }),
  'launch.supersede': events['launch.superseded'],
  'launch.record_predecessors_superseded': events['launch.predecessors_superseded'],
  'launch.complete_rollback': z.strictObject({ ...target, resumableVersion: versionSchema.optional() }),
  'launch.offer_resume': events['launch.resume_offered'],
  'launch.request_resume': events['launch.resume_requested'],
  'launch.complete_resume': z.strictObject(target),
} satisfies Record<string, z.ZodType>;

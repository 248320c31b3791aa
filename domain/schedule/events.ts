// What the scheduler records about each slot of a workflow (a slot is one instant its cron
// names, in its time zone). The claim is written before the work starts, so the log says
// which slots were taken even if the process dies mid-run: a restart never runs one twice.
import { z } from 'zod';
import type { CommandUnion, EventUnion } from '../shared/decider.ts';
import { idSchema } from '../streams.ts';

// Slots as `Date.toISOString()` writes them (UTC, milliseconds), so their lexical order is
// their order in time and the decider compares them as strings.
export const slotSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'Expected an instant as Date.toISOString() writes it');

const slot = { workflow: idSchema, slot: slotSchema };
const claim = { ...slot, cron: z.string().min(1).max(100), timezone: z.string().min(1).max(100) };
const completion = { ...slot, summary: z.string().max(2000) };
const failure = { ...slot, code: z.string().min(1).max(200), message: z.string().min(1).max(2000) };

export const scheduleEventSchemas = {
  'schedule.slot_claimed': z.strictObject(claim),
  'schedule.slot_completed': z.strictObject(completion),
  'schedule.slot_failed': z.strictObject(failure),
} satisfies Record<string, z.ZodType>;
export type ScheduleEvent = EventUnion<typeof scheduleEventSchemas>;

export const scheduleCommandSchemas = {
  'schedule.claim_slot': z.strictObject(claim),
  'schedule.complete_slot': z.strictObject(completion),
  'schedule.fail_slot': z.strictObject(failure),
} satisfies Record<string, z.ZodType>;
export type ScheduleCommand = CommandUnion<typeof scheduleCommandSchemas>;

// The code a slot is failed with when a start finds it claimed and never finished: the
// process that claimed it died mid-run, and the slot is not run again (its work may be half done).
export const INTERRUPTED = 'schedule.interrupted';

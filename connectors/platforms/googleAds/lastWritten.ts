// What the adapter last wrote to a campaign, kept where the adapter can read it back after a
// restart: in the description of the campaign's own key label (label.text_label.description,
// at most 200 characters), rewritten in the same atomic Mutate as every change we make.
// Drift is a field whose value on Google differs from this record: a person's edit in the UI.
//
// Decision: Google keeps no "last written by the API" value we could compare with, and
// comparing with the spec would call our own budget change drift. The change history
// (change_event, 30 days, with client_type) would say who changed what, but not the value
// we wrote before it. The record has this limit: a person who edits the label's description
// edits our memory; when it is missing or unreadable the adapter compares with the spec.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { objectiveSchema, type Objective } from '../../../domain/shared/values.ts';
import type { CampaignSpec, CampaignState, CampaignStatus, Drift } from '../port.ts';

export const DESCRIPTION_MAX = 200;

const recordSchema = z.object({
  v: z.literal(1),
  o: objectiveSchema,
  s: z.enum(['enabled', 'paused', 'removed']),
  b: z.number().int(),
  n: z.string().optional(), // the name, when it fits
  h: z.string().optional(), // else a digest of it
});
export type LastWritten = z.infer<typeof recordSchema>;

const digest = (name: string): string => createHash('sha256').update(name).digest('hex').slice(0, 16);

export function record(objective: Objective, status: CampaignStatus, budgetMicros: number, name: string): LastWritten {
  const full: LastWritten = { v: 1, o: objective, s: status, b: budgetMicros, n: name };
  return JSON.stringify(full).length <= DESCRIPTION_MAX ? full : { v: 1, o: objective, s: status, b: budgetMicros, h: digest(name) };
}

export const encode = (r: LastWritten): string => JSON.stringify(r);

export function decode(description: string | undefined): LastWritten | undefined {
  if (!description) return undefined;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(description));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// Without a record, the spec stands in for what we wrote (and status cannot drift).
export function driftOf(found: CampaignState, written: LastWritten | undefined, spec: CampaignSpec): Drift[] {
  const drift: Drift[] = [];
  const name = written?.n ?? (written?.h === undefined || written.h === digest(spec.name) ? spec.name : `(a name with digest ${written.h})`);
  const nameDrifted = written?.h !== undefined ? digest(found.name) !== written.h : found.name !== name;
  if (nameDrifted) drift.push({ field: 'name', lastWritten: name, found: found.name });
  if (written && found.status !== written.s) drift.push({ field: 'status', lastWritten: written.s, found: found.status });
  const budget = written?.b ?? spec.budget.amountMicros;
  if (found.budget.amountMicros !== budget) drift.push({ field: 'budget', lastWritten: budget, found: found.budget.amountMicros });
  return drift;
}

import { z } from 'zod';
import { actorRoleSchema } from './roles.ts';

// Who did it. Automated rules record themselves as `agent`, the platform as `system`.
export const actorSchema = z.strictObject({
  type: z.enum(['user', 'system', 'agent']),
  id: z.string().min(1).max(200),
  role: actorRoleSchema,
});
export type Actor = z.infer<typeof actorSchema>;

// Metadata that every stored event carries. `hash`/`prevHash` form the per-stream chain
// that `adledger audit verify` checks; they are added by the command pipeline, with the id
// of the audit key that made `hash` an HMAC (absent on legacy, plain SHA-256 events).
export const eventMetadataSchema = z.object({
  eventId: z.string().min(1),
  tenantId: z.string().min(1),
  actor: actorSchema,
  commandId: z.string().min(1),
  commandHash: z.string().optional(), // what the command said: a reused id with other content is refused
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  recordedAt: z.string(),
  hash: z.string().optional(),
  prevHash: z.string().optional(),
  hashKeyId: z.string().optional(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

// What `decide` returns: the facts, without metadata.
export interface EventData<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

// What `evolve` receives: a fact with its metadata (who, when).
export type DomainEvent<E extends EventData = EventData> = E & { readonly metadata: EventMetadata };

// A command as the pipeline hands it to `decide`.
export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly tenantId: string;
  readonly actor: Actor;
  readonly commandId: string;
  readonly issuedAt: string;
}

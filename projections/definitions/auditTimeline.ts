// Every event of every type, one document each, in log order: the auditor's timeline of
// who did what, when, to what, and in which chain of commands.
import { allEventSchemas } from '../../domain/events.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { parseStreamName } from '../../domain/streams.ts';
import { subjectOf, summaryOf } from './auditSummary.ts';
import type { Stamp } from './docs.ts';
import { stamp } from './docs.ts';
import { projection } from './projection.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

export type AuditEntryDoc = {
  readonly id: string; // the eventId
  readonly seq: number; // the position as a number, for sorting; see below
  readonly at: string;
  readonly actor: Actor;
  readonly actorId: string; // top-level so "everything ana did" is an indexed query
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly subject: string;
  readonly summary: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
} & Stamp;

export const auditTimeline = projection({
  name: 'audit_timeline',
  indexes: {
    fields: { tenantId: 'string', actorId: 'string', type: 'string', seq: 'number' },
    shapes: everyCombination({ optional: ['tenantId', 'actorId', 'type'], sort: 'seq' }),
  },
  handles: Object.keys(allEventSchemas),
  // One document per event, written whole from the event alone: a replay writes the same
  // document again, so this projection never reads its view (half the work on a rebuild).
  async apply(event) {
    const e = event;
    const stream = parseStreamName(event.streamId);
    const { actor, recordedAt, commandId, correlationId, causationId } = e.metadata;
    const doc: AuditEntryDoc = {
      id: event.eventId,
      // Exact while positions stay below 2^53 (9e15): a log of a billion events a day
      // would take 25,000 years to get there. `position` keeps the exact string.
      seq: Number(event.position),
      at: recordedAt,
      actor: { type: actor.type, id: actor.id, role: actor.role }, // exactly these, whatever else metadata holds
      actorId: actor.id,
      type: event.type,
      stream: event.streamId,
      revision: Number(event.revision),
      subject: subjectOf(e, stream),
      summary: summaryOf(e, stream && (stream.category === 'plan' || stream.category === 'launch') ? stream.planId : ''),
      commandId,
      correlationId,
      causationId,
      ...stamp(event),
    };
    return [{ upsert: doc }];
  },
});

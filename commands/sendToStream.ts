// The write path assembled: retry around idempotency around load → decide → append, with
// the decision stamped and hash-chained on its way to the log.
import type { AnyEvent } from '../domain/events.ts';
import type { EventData } from '../domain/shared/envelope.ts';
import type { DomainError } from '../domain/shared/errors.ts';
import type { WriteSide } from './aggregates.ts';
import { handleCommand } from './handleCommand.ts';
import { hashChained, type Stamp } from './hashChained.ts';
import { foldAppended, loadStream, type Aggregate, type FoldCache } from './loadStream.ts';
import type { CommandResult } from './result.ts';
import { withIdempotency, type Idempotent } from './withIdempotency.ts';
import { withRetry } from './withRetry.ts';

export interface Decision<S, E extends AnyEvent> {
  readonly aggregate: Aggregate<S, E>;
  readonly folds: FoldCache<S>;
  decide(state: S): Promise<readonly EventData[] | DomainError>;
}

export function sendToStream<S, E extends AnyEvent>(w: WriteSide, stream: string, stamp: Stamp, d: Decision<S, E>): Promise<CommandResult | DomainError> {
  const command: Idempotent<S> = {
    commandId: stamp.command.commandId,
    commandHash: stamp.commandHash,
    load: () => loadStream(w.store, stream, d.aggregate, d.folds),
    foldAppended: (before, appended) => foldAppended(before, d.aggregate, appended, d.folds),
  };
  return withRetry(stream, () =>
    withIdempotency(command, (loaded) =>
      handleCommand(w.store, {
        stream,
        load: async () => loaded,
        decide: d.decide,
        toEvents: (loaded, decision) => hashChained(stamp, loaded, decision, w.now().toISOString(), w.chainKey?.()),
      }),
    ),
  );
}

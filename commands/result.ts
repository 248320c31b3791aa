// What a command returns once its events are in the log (or were already there).
export interface CommandResult {
  readonly commandId: string;
  readonly stream: string;
  readonly events: readonly { readonly eventId: string; readonly type: string; readonly revision: string; readonly data: unknown }[];
  readonly nextExpectedRevision: string; // "-1" when the stream is still empty
  readonly position: string; // global position of the last event; "0" when nothing was appended
  readonly duplicate: boolean; // true when this commandId had already been applied
}

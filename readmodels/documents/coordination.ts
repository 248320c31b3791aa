// How projectors coordinate: one active projector per collection (a lease), and the events
// a projection could not apply, kept for ops (parked). Served by the same adapters and
// connection as the documents, but a port of its own with its own contract suite.

export interface ParkedEvent {
  readonly collection: string;
  readonly generation: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly error: string;
  readonly parkedAt: string;
}

export interface RebuildRequest {
  readonly requestedBy: string;
  readonly requestedAt: string;
}

export interface ProjectorCoordination {
  // One active projector per collection: true when `holder` holds the lease until now+ttl.
  acquireLease(collection: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(collection: string, holder: string): Promise<void>;

  // A rebuild asked for anywhere (an API instance runs no projector), started by whichever
  // process holds the projection's lease: it takes the request, once. Asked again before it is
  // taken, the first request stands.
  requestRebuild(collection: string, requestedBy: string): Promise<void>;
  takeRebuildRequest(collection: string): Promise<RebuildRequest | undefined>;

  park(event: ParkedEvent): Promise<void>;
  parked(collection?: string): Promise<readonly ParkedEvent[]>;
}

// The live feed of a process that runs no projector (a stateless API instance): the
// read-model changes other processes committed, read back from the document store and pushed
// once each, in log order. Only what lies at or below a collection's checkpoint is read: on
// MongoDB a batch is applied document by document before its checkpoint is written, so only
// positions up to the checkpoint are complete.
import { START } from '../../connectors/eventstore/port.ts';
import type { ChangeCursor, DocChange, DocumentStore } from '../../readmodels/documents/port.ts';
import { tenantOf, type FeedItem, type LiveFeed } from './liveFeed.ts';
import { pauseFor } from './pause.ts';

export interface ChangeFollowerOptions {
  readonly docs: Pick<DocumentStore, 'activeGeneration' | 'checkpoint' | 'changedSince'>;
  readonly collections: readonly string[];
  readonly feed: LiveFeed;
  // How far this process's own projector has pushed a collection it runs (undefined: it does
  // not run it now). Those changes are never pushed again; the place just follows them.
  readonly local?: (collection: string) => bigint | undefined;
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void; // for the log; the next poll retries from where it was
}

export interface ChangeFollower {
  readonly ready: Promise<void>; // every collection has its starting point (or stop() was called)
  stop(): Promise<void>;
}

const PAGE = 500;
const MAX_BACKOFF_MS = 5000;

export function followCommittedChanges(options: ChangeFollowerOptions): ChangeFollower {
  const { docs, collections, feed } = options;
  const local = options.local ?? (() => undefined);
  const pollMs = options.pollMs ?? 100;
  const onError = options.onError ?? (() => {});
  const places = new Map<string, ChangeCursor>(); // per collection: what has been pushed (or was history)
  let stopped = false;
  let wake: () => void = () => {};

  // History is not news: a collection starts at its active generation's checkpoint.
  const start = async (collection: string) => {
    places.set(collection, { position: (await docs.checkpoint(collection, await docs.activeGeneration(collection))) ?? START });
  };

  // The place survives a rebuild's switch-over: the new generation holds the same log
  // positions, so what lies past the place in it is news (no history replayed), and what the
  // live projector commits there right after the switch is not lost. A page pushed moves the
  // place at once, so a failure later in the window re-reads nothing already pushed.
  const follow = async (collection: string, from: ChangeCursor) => {
    const pushedHere = local(collection);
    if (pushedHere !== undefined) {
      if (pushedHere > from.position) places.set(collection, { position: pushedHere });
      return;
    }
    const generation = await docs.activeGeneration(collection);
    const upTo = (await docs.checkpoint(collection, generation)) ?? START;
    if (from.id === undefined && upTo <= from.position) return;
    for (let at = from; !stopped; ) {
      const changes = await docs.changedSince(collection, generation, at, upTo, PAGE);
      feed.publish(changes.map((change) => feedItem(collection, change)));
      const last = changes[changes.length - 1];
      if (!last || changes.length < PAGE) break;
      places.set(collection, (at = { position: last.position, id: last.id }));
    }
    // Switched over meanwhile: the old generation may have been dropped under the read (an
    // empty answer on MongoDB). The next poll reads the rest from the new one.
    if (stopped || (await docs.activeGeneration(collection)) !== generation) return;
    places.set(collection, { position: upTo });
  };

  // A poll's wait: stop() cuts it short, and it never keeps a process alive by itself.
  const pause = (ms: number) => pauseFor(ms, (w) => (wake = w), true);

  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const run = async () => {
    for (let failures = 0; !stopped; ) {
      let failed = false;
      for (const collection of collections) {
        if (stopped) break;
        const from = places.get(collection);
        try {
          await (from ? follow(collection, from) : start(collection));
        } catch (error) {
          failed = true;
          onError(error);
        }
      }
      if (collections.every((c) => places.has(c))) markReady();
      failures = failed ? failures + 1 : 0;
      if (!stopped) await pause(failed ? Math.min(MAX_BACKOFF_MS, pollMs * 2 ** failures) : pollMs);
    }
  };
  const done = run();
  return {
    ready,
    async stop() {
      stopped = true;
      wake();
      await done;
      markReady();
    },
  };
}

const feedItem = (collection: string, change: DocChange): FeedItem =>
  change.type === 'upsert'
    ? { collection, id: change.id, tenantId: tenantOf(change.doc), position: String(change.position), doc: change.doc }
    : { collection, id: change.id, tenantId: change.tenantId, position: String(change.position) };

// The read side of an instance that runs no projector (an API instance beside workers): it
// answers `?after=`, readiness and ops status from the checkpoints the workers commit, and
// refuses rebuilds, which only a process running the projections can do.
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { DocumentStore } from '../../readmodels/documents/port.ts';
import { committedProgress } from './committedProgress.ts';
import type { Projection } from '../definitions/projection.ts';
import type { ProjectionDaemon } from './daemon.ts';

export const runsElsewhere = (name: string) =>
  Object.assign(new Error(`${name} is projected by another process (it holds the lease): ask for the rebuild (POST /api/ops/projections/${name}/rebuild, or adledger projections rebuild ${name}) and that process runs it`), { code: 'projection.runs_elsewhere' });

export function observedDaemon(options: {
  readonly events: Pick<EventStore, 'headPosition' | 'gapFreePositions'>;
  readonly docs: Pick<DocumentStore, 'activeGeneration' | 'checkpoint' | 'prepare'>;
  readonly projections: readonly Projection[];
  readonly onError?: (error: unknown) => void;
}): ProjectionDaemon {
  const names = options.projections.map((p) => p.name);
  const progress = committedProgress({ ...options, names });
  return {
    rebuilds: 'elsewhere',
    pushedUpTo: () => undefined,
    async start() {
      // The collections as readers find them (the workers may not have made them yet).
      await options.docs.prepare(options.projections.map((p) => ({ name: p.name, indexes: p.indexes })));
      await progress.ready;
    },
    status: () => progress.status(),
    waitFor: (position, timeoutMs, wanted = names) => progress.waitFor(position, timeoutMs, wanted),
    rebuild: (name) => Promise.reject(runsElsewhere(name)),
    rebuildAll: () => Promise.reject(runsElsewhere('every projection')),
    stop: () => progress.stop(),
  };
}

// One document per launch of a plan version: where it stands, what it asked each platform
// for, why it was blocked, who approved it, and any rollback request.
import type { LaunchBlockReason, LaunchManifest, ManifestCampaign } from '../../domain/launch/events.ts';
import { launchEventSchemas } from '../../domain/launch/events.ts';
import type { Execution } from '../../domain/launch/execution.ts';
import type { LaunchApproval, LaunchState } from '../../domain/launch/state.ts';
import { evolve, initialState } from '../../domain/launch/state.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { parseStreamName } from '../../domain/streams.ts';
import type { Stamp } from './docs.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { launchDocId } from './ids.ts';
import { evolveDetails, noDetails, type LaunchDetails } from './launchDetails.ts';
import { projection } from './projection.ts';
import { isLaunchEvent } from '../../domain/decodeEvent.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

export type PlatformManifest = {
  readonly platform: Platform;
  readonly budgetMicros: number;
  readonly campaigns: readonly Omit<ManifestCampaign, 'platform'>[];
};

export type LaunchDoc = {
  readonly id: string; // launchDocId
  readonly planId: string;
  readonly version: number;
  readonly status: LaunchState['status']; // 'none' when only an approval has been granted so far
  readonly approvals: readonly LaunchApproval[];
  readonly blockReasons: readonly LaunchBlockReason[]; // from the latest launch.blocked
  readonly blockedAt?: string;
  readonly requested?: { readonly by: string; readonly at: string };
  readonly manifest?: {
    readonly contentHash: string;
    readonly currency: string;
    readonly budgetMicros: number;
    readonly platforms: readonly PlatformManifest[];
  };
  readonly rollback?: { readonly by: string; readonly at: string; readonly reason: string };
  // What the saga did with the manifest, exactly as the launch aggregate folds it.
  readonly execution?: Execution;
  // What the saga's events said beyond that fold: messages, times, drift, how things ended.
  readonly details?: LaunchDetails;
} & Stamp;

// The platforms in execution order, as the manifest lists them, each with its campaigns.
const perPlatform = ({ contentHash, currency, platforms, campaigns }: LaunchManifest): LaunchDoc['manifest'] => ({
  contentHash,
  currency,
  budgetMicros: campaigns.reduce((sum, c) => sum + c.budgetMicros, 0),
  platforms: platforms.map((platform) => {
    const own = campaigns.filter((c) => c.platform === platform).map(({ platform: _p, ...campaign }) => campaign);
    return { platform, budgetMicros: own.reduce((sum, c) => sum + c.budgetMicros, 0), campaigns: own };
  }),
});

// The document keeps the manifest in its per-platform form; evolve only ever replaces it.
const stateOf = (doc: LaunchDoc | undefined): LaunchState => {
  if (!doc) return initialState;
  const { status, approvals, blockReasons: lastBlockReasons, rollback } = doc;
  return { status, approvals, lastBlockReasons, manifest: undefined, rollbackReason: rollback?.reason, execution: doc.execution };
};

export const launches = projection({
  name: 'launches',
  indexes: {
    fields: { tenantId: 'string', status: 'string', updatedAt: 'string' },
    shapes: everyCombination({ optional: ['tenantId', 'status'], sort: 'updatedAt' }),
  },
  handles: Object.keys(launchEventSchemas),
  async apply(event, view) {
    const e = event;
    const stream = parseStreamName(event.streamId);
    if (!isLaunchEvent(e) || stream?.category !== 'launch') return [];
    const { tenantId, planId, version } = stream;
    const id = launchDocId(tenantId, planId, version);
    const before = docAs<LaunchDoc>(await view.get(id));
    if (alreadyApplied(before, event)) return [];
    const state = evolve(stateOf(before), e);
    const by = { by: e.metadata.actor.id, at: e.metadata.recordedAt };
    const doc: LaunchDoc = {
      id,
      planId,
      version,
      status: state.status,
      approvals: state.approvals,
      blockReasons: state.lastBlockReasons,
      blockedAt: e.type === 'launch.blocked' ? by.at : before?.blockedAt,
      requested: e.type === 'launch.requested' ? by : before?.requested,
      manifest: state.manifest ? perPlatform(state.manifest) : before?.manifest,
      rollback: e.type === 'launch.rollback_requested' ? { ...by, reason: e.data.reason } : before?.rollback,
      ...(state.execution ? { execution: state.execution } : {}),
      ...(state.execution ? { details: evolveDetails(before?.details ?? noDetails, e) } : {}),
      ...stamp(event),
    };
    return [{ upsert: plain(doc) }];
  },
});

// One document per campaign that exists on a platform for a tenant: which plan version made
// it, and its status as the launch saga's events say (live, scheduled, paused or removed and
// why). Only what a platform confirmed: a request in flight or a refusal is on the launch's
// own page (mutation.failed names no platform campaign id, so it cannot be placed here).
import type { MutationAction, MutationReason } from '../../domain/launch/executionEvents.ts';
import { isLaunchEvent } from '../../domain/decodeEvent.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { parseStreamName } from '../../domain/streams.ts';
import type { Stamp } from './docs.ts';
import { alreadyApplied, docAs, plain, stamp } from './docs.ts';
import { campaignDocId } from './ids.ts';
import { projection } from './projection.ts';
import { everyCombination } from '../../readmodels/documents/queryShapes.ts';

export type CampaignDoc = {
  readonly id: string; // campaignDocId
  readonly platform: Platform;
  readonly platformCampaignId: string;
  readonly name: string; // kobi_{tenant}_{platform}_{objective}_v{version}, as the manifest names it
  readonly logicalCampaignKey: string;
  readonly planId: string;
  readonly version: number;
  // created: the platform holds it enabled, the launch has not said live or scheduled yet.
  readonly status: 'created' | 'live' | 'scheduled' | 'paused' | 'removed';
  readonly startDate?: string;
  readonly launched?: 'live' | 'scheduled'; // what it was before a pause, for a resume
  readonly pausedFor?: MutationReason; // rollback, supersede, atomic_rollback
  readonly trackingMode?: 'auto_tagging' | 'utm';
  readonly sent?: { readonly action: MutationAction; readonly reason: MutationReason; readonly at: string }; // why the next confirmation happens
} & Stamp;

const types = ['mutation.requested', 'mutation.succeeded', 'campaign.live', 'campaign.scheduled'];

export const campaigns = projection({
  name: 'campaigns',
  indexes: {
    fields: { tenantId: 'string', planId: 'string', updatedAt: 'string' },
    shapes: everyCombination({ always: ['tenantId'], optional: ['planId'], sort: 'updatedAt' }),
  },
  handles: types,
  async apply(event, view) {
    const e = event;
    const stream = parseStreamName(event.streamId);
    if (!isLaunchEvent(e) || stream?.category !== 'launch') return [];
    const { tenantId, planId, version } = stream;
    const at = e.metadata.recordedAt;
    const idOf = (platform: string, campaignId: string | undefined) => (campaignId ? campaignDocId(tenantId, platform, campaignId) : undefined);
    const write = (doc: Omit<CampaignDoc, keyof Stamp>) => [{ upsert: plain({ ...doc, ...stamp(event) }) }];
    switch (e.type) {
      case 'mutation.requested':
      case 'campaign.live':
      case 'campaign.scheduled': {
        const id = idOf(e.data.platform, 'platformCampaignId' in e.data ? e.data.platformCampaignId : undefined);
        const before = id ? docAs<CampaignDoc>(await view.get(id)) : undefined;
        // A campaign is listed from the platform's first confirmation (mutation.succeeded) on.
        if (!before || alreadyApplied(before, event)) return [];
        const { tenantId: _t, updatedAt: _u, position: _p, ...doc } = before;
        if (e.type === 'mutation.requested') return write({ ...doc, sent: { action: e.data.action, reason: e.data.reason, at } });
        const status = e.type === 'campaign.live' ? 'live' : 'scheduled';
        const { startDate: _s, ...rest } = doc;
        return write({ ...rest, status, launched: status, trackingMode: e.data.trackingMode, ...(e.type === 'campaign.scheduled' ? { startDate: e.data.startDate } : {}) });
      }
      case 'mutation.succeeded': {
        const d = e.data;
        const id = campaignDocId(tenantId, d.platform, d.platformCampaignId);
        const before = docAs<CampaignDoc>(await view.get(id));
        if (alreadyApplied(before, event)) return [];
        const { tenantId: _t, updatedAt: _u, position: _p, sent, pausedFor: _was, ...rest } = before ?? ({} as Partial<CampaignDoc>);
        const objective = d.logicalCampaignKey.split(':')[1] ?? d.logicalCampaignKey;
        const reason = sent?.reason;
        const status: CampaignDoc['status'] =
          d.platformStatus === 'paused' ? 'paused' : d.platformStatus === 'removed' ? 'removed' : (rest.launched ?? 'created');
        return write({
          ...rest,
          id,
          platform: d.platform,
          platformCampaignId: d.platformCampaignId,
          name: rest.name ?? `kobi_${tenantId}_${d.platform}_${objective}_v${version}`,
          logicalCampaignKey: d.logicalCampaignKey,
          planId,
          version,
          status,
          ...(d.trackingMode ? { trackingMode: d.trackingMode } : {}),
          ...(status === 'paused' || status === 'removed' ? (reason ? { pausedFor: reason } : {}) : {}),
        });
      }
      default:
        return [];
    }
  },
});

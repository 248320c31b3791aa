import { campaignStatusLabels, type CampaignStatus } from '../launchView.ts';
import { Badge, type Tone } from './Badge.tsx';

const tones: Record<CampaignStatus, Tone> = {
  pending: 'neutral',
  sent: 'info',
  waiting: 'warning',
  live: 'success',
  scheduled: 'info',
  failed: 'danger',
  blocked: 'danger',
  skipped: 'neutral',
  rolled_back: 'warning',
  pausing: 'warning',
  removing: 'warning',
  resuming: 'info',
  paused: 'warning',
  removed: 'neutral',
};

// A campaign's status as the launch's events tell it (launchView.campaignStatus).
export function CampaignStatusBadge({ status, detail }: { readonly status: CampaignStatus; readonly detail?: string }) {
  return (
    <Badge tone={tones[status]} testId="campaign-status">
      <span data-status={status}>
        {campaignStatusLabels[status]}
        {detail ? ` · ${detail}` : ''}
      </span>
    </Badge>
  );
}

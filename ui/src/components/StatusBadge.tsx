import { words } from '../format.ts';
import { Badge, type Tone } from './Badge.tsx';

// Every status word the read models use, with the colour that says how it stands.
const tones: Record<string, Tone> = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
  superseded: 'neutral',
  none: 'neutral',
  blocked: 'danger',
  requested: 'success',
  rollback_requested: 'warning',
  rolled_back: 'warning',
  green: 'success',
  amber: 'warning',
  red: 'danger',
  live: 'success',
  catching_up: 'info',
  rebuilding: 'accent',
  starting: 'neutral',
  waiting_for_lease: 'neutral',
  retrying: 'warning',
  stopped: 'danger',
};

const labels: Record<string, string> = {
  none: 'Not requested',
  requested: 'Launch requested', // what the event says; the campaigns' own states are on the launch page
  rollback_requested: 'Rollback requested',
  rolled_back: 'Rolled back',
};

export function StatusBadge({ status, testId, label }: { readonly status: string; readonly testId?: string; readonly label?: string }) {
  return (
    <Badge tone={tones[status] ?? 'neutral'} {...(testId ? { testId } : {})}>
      <span data-status={status}>{label ?? labels[status] ?? words(status)}</span>
    </Badge>
  );
}

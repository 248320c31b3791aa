import { useLiveState } from '../live.ts';

const labels = {
  connected: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const;

const explanations = {
  connected: 'Connected: changes appear as they happen.',
  connecting: 'Connecting to live updates…',
  reconnecting: 'The live connection dropped; reconnecting. What you see may be out of date.',
  offline: 'Offline: live updates are paused and will resume when the server can be reached again.',
} as const;

export function ConnectionIndicator() {
  const state = useLiveState();
  return (
    <span class={`connection connection-${state}`} data-testid="connection-state" data-state={state} role="status" aria-live="polite" title={explanations[state]}>
      <span class="connection-dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}

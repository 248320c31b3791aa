import { Badge } from './Badge.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function TrackingBadge({ status }: { readonly status: string }) {
  return <StatusBadge status={status} testId="tracking-health" label={`Tracking ${status}`} />;
}

// Critical feed errors stop catalog launches; warnings do not.
export function FeedBadge({ criticalErrors, warnings }: { readonly criticalErrors: number; readonly warnings: number }) {
  if (criticalErrors > 0) {
    return (
      <Badge tone="danger" testId="feed-health">
        {criticalErrors} critical
      </Badge>
    );
  }
  if (warnings > 0) {
    return (
      <Badge tone="warning" testId="feed-health">
        {warnings} warning{warnings === 1 ? '' : 's'}
      </Badge>
    );
  }
  return (
    <Badge tone="success" testId="feed-health">
      Feed OK
    </Badge>
  );
}

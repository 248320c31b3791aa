export function ProgressBar({ value, max, label, testId }: { readonly value: number; readonly max: number; readonly label: string; readonly testId?: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div class="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid={testId}>
      <div class="progress-bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

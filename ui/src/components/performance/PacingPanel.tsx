import { formatDate, formatMoney } from '../../format.ts';
import { formatPct, type PacingAnswer, type PacingStatus, toCents } from '../../performance.ts';
import type { ApiError } from '../../api.ts';
import { Badge, type Tone } from '../Badge.tsx';
import { Link } from '../Link.tsx';
import { ErrorState, Loading } from '../States.tsx';

const statusLabel: Record<PacingStatus, [string, Tone]> = {
  on_track: ['On track', 'success'],
  under_pacing: ['Under-pacing', 'warning'],
  over_pacing: ['Over-pacing', 'danger'],
};

// Each launched plan's spend to date against what its flight planned to date; the badge is
// the API's status, nothing decided here.
export function PacingPanel({ tenantId, data, error }: { readonly tenantId: string; readonly data: PacingAnswer | undefined; readonly error: ApiError | undefined }) {
  return (
    <section class="panel" aria-labelledby="perf-pacing" data-testid="performance-pacing">
      <h2 class="panel-title" id="perf-pacing">
        Pacing
      </h2>
      {error ? (
        <ErrorState error={error} />
      ) : !data ? (
        <Loading label="Loading pacing…" />
      ) : data.plans.length === 0 ? (
        <p class="muted">No launched plan has spend yet.</p>
      ) : (
        <ul class="perf-list">
          {data.plans.map((p) => {
            const { pacing } = p;
            const [label, tone] = statusLabel[pacing.status];
            const scale = Math.max(p.budgetMicros, pacing.spentMicros, 1);
            return (
              <li key={`${p.planId}:${p.version}`} data-testid="pacing-plan" data-status={pacing.status}>
                <div class="pacing-head">
                  <Link href={`/plans/${tenantId}/${p.planId}`}>
                    {p.name} <span class="muted">v{p.version}</span>
                  </Link>
                  <Badge tone={tone}>{label}</Badge>
                </div>
                <div class="pacing-gauge" role="img" aria-label={`Spent ${formatMoney(toCents(pacing.spentMicros), p.currency)} of ${formatMoney(toCents(pacing.plannedToDateMicros), p.currency)} planned to date`}>
                  <span class="pacing-spent" style={{ width: `${(100 * pacing.spentMicros) / scale}%` }} />
                  <span class="pacing-planned" style={{ left: `${(100 * pacing.plannedToDateMicros) / scale}%` }} title="Planned to date" />
                </div>
                {pacing.daysElapsed === 0 ? (
                  <p class="muted small" data-testid="pacing-not-started">
                    Flight starts {formatDate(p.flight.from)} · budget {formatMoney(p.budgetMicros, p.currency)} over {pacing.totalDays} days
                  </p>
                ) : (
                <p class="muted small">
                  {formatMoney(toCents(pacing.spentMicros), p.currency)} spent · {formatMoney(toCents(pacing.plannedToDateMicros), p.currency)} planned to date ({formatPct(pacing.variancePct)}) · budget {formatMoney(p.budgetMicros, p.currency)} · day {pacing.daysElapsed} of {pacing.totalDays}
                  {pacing.requiredDailyMicros !== null ? ` · needs ${formatMoney(toCents(pacing.requiredDailyMicros ?? 0), p.currency)}/day` : ''}
                </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

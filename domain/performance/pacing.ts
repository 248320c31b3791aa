import { invalid, type DomainError } from '../shared/errors.ts';
import { daysFrom, lengthOf, type Period } from './days.ts';
import { quotient } from './decimal.ts';

// Budget pacing, spec 003 §5.2 budget-pacing-planner-agent "calculations":
//   planned_spend_to_date = budget × days_elapsed / total_days   (linear over the flight)
//   pacing_variance_pct   = (current_spend − planned_spend) / planned_spend × 100
//   required_daily_spend  = (budget − current_spend) / days_remaining
// Days are the tenant's days (YYYY-MM-DD). `today` is not over, so days_elapsed counts the flight
// days before it and the spend passed in is the spend through yesterday.

export type PacingStatus = 'on_track' | 'under_pacing' | 'over_pacing';

export interface PacingInput {
  readonly flight: Period; // both days included
  readonly budgetMicros: number; // for the whole flight
  readonly spentMicros: number; // through the day before `today`
  readonly today: string;
}

export interface Pacing {
  readonly totalDays: number;
  readonly daysElapsed: number;
  readonly daysRemaining: number; // today included
  readonly plannedToDateMicros: number; // rounded half up to a micro
  readonly spentMicros: number;
  readonly variancePct: number | null; // 2 places; null before any day has elapsed
  readonly requiredDailyMicros: number | null; // null when no day remains; 0 once the budget is spent
  readonly tolerancePct: number;
  readonly status: PacingStatus;
}

// The spec names the three states but gives no band, so this is ours: wide while a flight is
// young (a few days move the variance a lot and there is time to correct), tight at the end
// (what is off then is off for good).
//   first half of the flight (days elapsed × 2 < total days): ±15 %
//   from the middle on:                                        ±10 %
//   last 3 days (3 or fewer days remaining, and after the end): ±5 %
// A variance exactly at the band's edge is on track.
export function tolerancePct(daysElapsed: number, totalDays: number): number {
  if (totalDays - daysElapsed <= 3) return 5;
  return daysElapsed * 2 < totalDays ? 15 : 10;
}

export function pacing(input: PacingInput): Pacing | DomainError {
  const { flight, budgetMicros, spentMicros, today } = input;
  if (flight.to < flight.from) return invalid('performance.invalid_flight', `The flight ends (${flight.to}) before it starts (${flight.from})`);
  if (budgetMicros < 0 || spentMicros < 0) return invalid('performance.negative_amount', 'Budget and spend are not negative');
  const totalDays = lengthOf(flight);
  const daysElapsed = Math.min(totalDays, Math.max(0, daysFrom(flight.from, today)));
  const daysRemaining = totalDays - daysElapsed;
  const budget = BigInt(budgetMicros);
  const spent = BigInt(spentMicros);
  // Exact: planned = budget × elapsed / total, so compare spent × total with budget × elapsed.
  const plannedScaled = budget * BigInt(daysElapsed); // planned × total
  const varianceScaled = spent * BigInt(totalDays) - plannedScaled; // (spent − planned) × total
  const band = tolerancePct(daysElapsed, totalDays);
  return {
    totalDays,
    daysElapsed,
    daysRemaining,
    plannedToDateMicros: quotient(plannedScaled, BigInt(totalDays), 0)!,
    spentMicros,
    variancePct: quotient(varianceScaled * 100n, plannedScaled, 2),
    requiredDailyMicros: daysRemaining === 0 ? null : quotient(spent >= budget ? 0n : budget - spent, BigInt(daysRemaining), 0),
    tolerancePct: band,
    status: statusOf(varianceScaled, plannedScaled, band),
  };
}

function statusOf(varianceScaled: bigint, plannedScaled: bigint, band: number): PacingStatus {
  // Nothing planned yet (before the flight or on its first day): any spend is ahead of plan.
  if (plannedScaled === 0n) return varianceScaled > 0n ? 'over_pacing' : 'on_track';
  const edge = BigInt(band) * plannedScaled;
  if (varianceScaled * 100n > edge) return 'over_pacing';
  if (varianceScaled * 100n < -edge) return 'under_pacing';
  return 'on_track';
}

// IBVI platform spec (002, "Alerting"): "Budget overspend: > 110% of daily budget". Strictly
// above: a day at exactly 110 % raises nothing.
export const overspendAlertPct = 110;

export interface DaySpend {
  readonly date: string;
  readonly spendMicros: number;
}
export interface OverspendAlert {
  readonly date: string;
  readonly spendMicros: number;
  readonly dailyBudgetMicros: number;
  readonly pctOfBudget: number | null; // 2 places; null with a daily budget of 0
}

export function overspendAlerts(days: readonly DaySpend[], dailyBudgetMicros: number): OverspendAlert[] {
  const budget = BigInt(dailyBudgetMicros);
  return days
    .filter((d) => BigInt(d.spendMicros) * 100n > BigInt(overspendAlertPct) * budget)
    .map((d) => ({ date: d.date, spendMicros: d.spendMicros, dailyBudgetMicros, pctOfBudget: quotient(BigInt(d.spendMicros) * 100n, budget, 2) }));
}

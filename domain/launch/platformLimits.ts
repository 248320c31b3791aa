// What the platforms refuse on budget, known before a call: the sandbox applies these, and
// the launch saga checks a rejected budget against them to tell whose limit was hit.
import type { Objective, Platform } from '../shared/values.ts';

// Google documents no single minimum (it depends on the currency) but requires amounts in
// whole minimum currency units (10,000 micros = 0.01 for most currencies); the sandbox
// asks one currency unit a day, in the account's currency (no FX in the sandbox).
export const GOOGLE_MIN_DAILY_BUDGET_MICROS = 1_000_000;
export const GOOGLE_MIN_CURRENCY_UNIT_MICROS = 10_000;
// Meta's minimum daily budget depends on the billing event: about 1 unit a day for
// impressions, 5 for clicks and conversions. Sandbox: awareness bills impressions.
export const META_MIN_DAILY_BUDGET_MICROS_IMPRESSIONS = 1_000_000;
export const META_MIN_DAILY_BUDGET_MICROS_OTHER = 5_000_000;

export const minDailyBudgetMicros = (platform: Platform, objective: Objective): number =>
  platform === 'google_ads'
    ? GOOGLE_MIN_DAILY_BUDGET_MICROS
    : objective === 'awareness'
      ? META_MIN_DAILY_BUDGET_MICROS_IMPRESSIONS
      : META_MIN_DAILY_BUDGET_MICROS_OTHER;

// Money and words for titles and summaries that people read.
import { formatMicros } from '../../domain/shared/values.ts';

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+$)/g, ',');

// 40000000000 micros, EUR -> "40,000.00 EUR"; integer maths only (formatMicros), no locale.
export const money = (micros: number, currency: string): string =>
  formatMicros(micros, currency).replace(/^\d+/, group);

// For amounts whose event does not say the currency (guardrail caps, draft budgets).
export const amount = (micros: number): string => money(micros, '').trimEnd();

// "launch.tracking_not_green" -> "tracking not green"; "google_ads" -> "google ads"
export const words = (code: string): string => code.replace(/^[a-z0-9]+\./, '').replaceAll('_', ' ');

// camelCase field names as words: "flightEnd" -> "flight end"
export const fieldWords = (field: string): string => field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

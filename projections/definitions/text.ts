// Money and words for titles and summaries that people read.
import { formatMicros } from '../../domain/shared/values.ts';

// 40000000000 micros, EUR -> "€40,000.00": the one money format (formatMicros), exact.
export const money = (micros: number, currency: string): string => formatMicros(micros, currency);

// For amounts whose event does not say the currency (guardrail caps, draft budgets): "40,000.00".
export const amount = (micros: number): string => formatMicros(micros, '');

// "launch.tracking_not_green" -> "tracking not green"; "google_ads" -> "google ads"
export const words = (code: string): string => code.replace(/^[a-z0-9]+\./, '').replaceAll('_', ' ');

// camelCase field names as words: "flightEnd" -> "flight end"
export const fieldWords = (field: string): string => field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

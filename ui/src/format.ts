// Money, dates and words as people read them (money in one fixed format; dates in the browser's locale).

import { formatMicros } from '../../domain/shared/money.ts';

const MICROS = 1_000_000;

// The console's one way to show money, the same as the server's titles and messages
// (domain formatMicros): 40000000000 micros, EUR -> "€40,000.00"; exact for any safe integer
// of micros; an amount without a known currency is grouped digits only ("40,000.00").
export function formatMoney(micros: number | null | undefined, currency: string | null | undefined): string {
  if (micros === null || micros === undefined || !Number.isSafeInteger(micros)) return '—';
  return formatMicros(micros, currency ?? '');
}

export const formatNumber = (value: number, fractionDigits = 0): string =>
  new Intl.NumberFormat(undefined, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);

const localeDecimal = new Intl.NumberFormat().formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

// "1,234.5" / "1.234,50" / "1 234.50" -> micros; exact (integer arithmetic, no floats).
// Undefined when the text is not an amount or has more than 6 decimals. With one kind of
// separator used once ("1,5"), the locale decides whether it is the decimal one.
export function unitsToMicros(text: string): number | undefined {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned) || /[.,]$/.test(cleaned)) return undefined;
  const lastDot = cleaned.lastIndexOf('.');
  const lastComma = cleaned.lastIndexOf(',');
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const once = cleaned.indexOf(sep) === cleaned.lastIndexOf(sep);
    decimal = once && (sep === localeDecimal || !/^\d{1,3}[.,]\d{3}$/.test(cleaned)) ? sep : undefined;
  }
  const [whole = '', fraction = '', ...rest] = decimal ? cleaned.split(decimal) : [cleaned];
  if (rest.length > 0 || fraction.length > 6 || /[.,]/.test(fraction)) return undefined;
  const digits = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const micros = BigInt(digits) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return micros <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(micros) : undefined;
}

// 1234500000 -> "1234.50", what an input shows for editing (no grouping, dot decimals).
export function microsToUnits(micros: number): string {
  const whole = Math.floor(micros / MICROS);
  const fraction = String(micros % MICROS).padStart(6, '0').replace(/0+$/, '');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (seconds ? dateTimeSeconds : dateTime).format(date);
}

// Calendar dates (YYYY-MM-DD) are days, not instants: shown without a time-zone shift.
export function formatDate(day: string | null | undefined): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateOnly.format(date);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// "3 minutes ago", "yesterday", "just now".
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

// "launch.tracking_not_green" -> "Tracking not green"; "google_ads" -> "Google Ads".
const platformNames: Record<string, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok', dv360: 'DV360' };
export const platformName = (platform: string): string => platformNames[platform] ?? words(platform);

export function words(code: string): string {
  const text = code.replace(/^[a-z0-9]+\./, '').replaceAll('_', ' ').replaceAll('-', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// camelCase field names as words: "flightEnd" -> "Flight end"; "budgetMicros" -> "Budget".
export function fieldLabel(field: string): string {
  const text = field.replace(/Micros$/, '').replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function formatLagMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return formatDuration(ms / 1000);
}

// How a campaign's clicks are tracked: Google's auto-tagging, or UTM parameters.
const trackingNames: Record<string, string> = { auto_tagging: 'Auto-tagging', utm: 'UTM parameters' };
export const trackingName = (mode: string): string => trackingNames[mode] ?? words(mode);

import { z } from 'zod';

// Value schemas shared by every aggregate, so a rule about money or dates is written once.

export const microsSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as EUR');

// Lexical order of YYYY-MM-DD equals date order, so rules compare these strings directly.
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine(isRealDate, 'Expected a real calendar date');

export const platformSchema = z.enum(['google_ads', 'meta', 'tiktok', 'dv360']);
export type Platform = z.infer<typeof platformSchema>;
// Declaration order is the execution order the launch spec recommends.
export const platforms: readonly Platform[] = platformSchema.options;

export const objectiveSchema = z.enum(['awareness', 'traffic', 'leads', 'sales', 'catalog_sales', 'app_installs']);
export type Objective = z.infer<typeof objectiveSchema>;
export const objectives: readonly Objective[] = objectiveSchema.options;

export const nameSchema = z.string().trim().min(1).max(200);
export const percentSchema = z.number().nonnegative();

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export { formatMicros } from './money.ts';

// A tenant's calendar day at `now` in its time zone: reporting days, flight starts and syncs
// are all counted in it.
export function localDate(now: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

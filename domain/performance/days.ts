// Calendar days as YYYY-MM-DD strings (the tenant's local days, DESIGN §3). Arithmetic on
// UTC midnights, so no time zone or daylight-saving change moves a day; no clock is read.
const msPerDay = 86_400_000;
const toDayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / msPerDay;
const fromDayNumber = (day: number): string => new Date(day * msPerDay).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromDayNumber(toDayNumber(date) + days);
// b − a in days: daysFrom('2026-11-01', '2026-11-03') = 2
export const daysFrom = (a: string, b: string): number => toDayNumber(b) - toDayNumber(a);

// Both ends included, as a report's "from" and "to".
export interface Period {
  readonly from: string;
  readonly to: string;
}
export const lengthOf = (p: Period): number => daysFrom(p.from, p.to) + 1;
export const contains = (p: Period, date: string): boolean => p.from <= date && date <= p.to;
// The period of equal length that ends the day before `p` starts.
export const previousPeriod = (p: Period): Period => ({ from: addDays(p.from, -lengthOf(p)), to: addDays(p.from, -1) });

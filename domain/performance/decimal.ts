// Exact ratios for reporting metrics. Every metric is a quotient of integers (micros, counts,
// conversions in millionths), computed with BigInt and rounded once, half away from zero, to
// `places` decimals. The result is the double closest to that decimal, so it prints as the
// decimal (2.5, never 2.4999999999999996) and two rows with the same integers always agree.
// A double holds 15 significant digits for sure, so a 6-place value prints back exactly up to
// 999,999,999.999999; beyond that the integer fields (micros) are the authority.

export const metricPlaces = 6; // micros precision; the spec stores ctr/roas as NUMERIC(10, 6)

// An input count that platforms report as a float (Meta and Google give fractional conversions)
// in millionths, the only place a float becomes an integer.
export const toMillionths = (value: number): bigint => BigInt(Math.round(value * 1_000_000));
export const fromMillionths = (value: bigint): number => Number(value) / 1_000_000;

// numerator / denominator rounded to `places` decimals; null when the denominator is 0.
export function quotient(numerator: bigint, denominator: bigint, places = metricPlaces): number | null {
  if (denominator === 0n) return null;
  const scale = 10n ** BigInt(places);
  const negative = numerator < 0n !== denominator < 0n;
  const n = (numerator < 0n ? -numerator : numerator) * scale;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (d * 2n); // floor(n/d + 1/2)
  const value = Number(negative ? -rounded : rounded) / Number(scale);
  return value === 0 ? 0 : value; // no -0
}

// A metric value (a number with at most `places` decimals) as an integer count of 10^-places.
// Through toFixed, which rounds the double's exact value, not `value * 10^places`, which can
// itself round wrong once the product passes 2^53.
export const toUnits = (value: number, places = metricPlaces): bigint => BigInt(value.toFixed(places).replace('.', ''));

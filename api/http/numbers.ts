import { z } from 'zod';

// Log positions and stream revisions travel as decimal text (they are bigints) and end up as
// SQLite INTEGERs: signed 64-bit. A value past 2^63 - 1 cannot be bound, so it is refused
// here as the caller's mistake (400) instead of failing deep in the store (500).
export const MAX_INT64 = 2n ** 63n - 1n;

const DIGITS = /^\d{1,19}$/;

// One check, not a regex then a refine: zod runs every check even after one failed, and
// BigInt('!') would throw.
export const int64Text = (what: string) =>
  z.string().refine((text) => DIGITS.test(text) && BigInt(text) <= MAX_INT64, `Expected ${what}: a whole number from 0 to ${MAX_INT64}`);

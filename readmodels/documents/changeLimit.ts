// How many changes one changedSince call may return, checked alike by every adapter. A limit
// out of range is refused rather than clamped: a caller that asked for more and silently got
// fewer would take a full page for the last one and stop early.
export const MAX_CHANGES = 1000;

export function checkChangeLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_CHANGES) {
    throw Object.assign(new Error(`changedSince takes a limit from 1 to ${MAX_CHANGES}, not ${limit}`), { code: 'query.invalid' });
  }
  return limit;
}

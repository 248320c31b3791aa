// The server's 400 details ({path, message}[]) as one message per field, so a form shows
// each next to its field; whatever names no field of the form stays a general error.
import type { ApiError } from './api.ts';

export function fieldErrors(error: ApiError | undefined): Record<string, string> {
  if (!error || error.status !== 400 || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d?.path === 'string' && typeof d.message === 'string' && !(d.path in out)) out[d.path] = d.message;
  }
  return out;
}

// Client-side checks mirroring the server's zod schemas (domain/tenant/values.ts, events.ts).
export const isNonNegativeNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0;
export const isNonNegativeInt = (text: string): boolean => /^\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text));

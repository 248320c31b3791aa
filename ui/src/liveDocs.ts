// Applying a live change to what a page shows: pure, so it is tested without a browser.
import type { ServerMessage } from './types.ts';

export type ChangeMessage = Extract<ServerMessage, { type: 'change' }>;

export type Stamped = { readonly id: string; readonly position?: string };

export function positionOf(value: unknown): bigint {
  try {
    return typeof value === 'string' || typeof value === 'number' ? BigInt(value) : -1n;
  } catch {
    return -1n;
  }
}

// Applies one change to a list; `accept` says whether a document belongs on this page
// (filters), so a document that stops matching leaves it.
export function applyChange<T extends Stamped>(docs: readonly T[], change: ChangeMessage, accept: (doc: T) => boolean): readonly T[] {
  const index = docs.findIndex((d) => d.id === change.id);
  const existing = index >= 0 ? docs[index] : undefined;
  const incoming = change.doc as T | null;
  const at = incoming ? positionOf(incoming.position ?? change.position) : positionOf(change.position);
  if (existing && at < positionOf(existing.position)) return docs; // older news than what we show
  if (!incoming || !accept(incoming)) return existing ? docs.filter((d) => d.id !== change.id) : docs;
  if (!existing) return [incoming, ...docs];
  const next = [...docs];
  next[index] = incoming;
  return next;
}

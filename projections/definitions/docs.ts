// What every document carries, and the rules that keep documents plain JSON.
import type { Doc } from '../../readmodels/documents/port.ts';
import type { ProjectedEvent } from './projection.ts';

// Tenant scope filtering (HTTP, websocket) reads `tenantId`; `position` is a string because
// JSON has no bigint; `updatedAt` is the log's time, never the projector's clock.
export type Stamp = { readonly tenantId: string; readonly updatedAt: string; readonly position: string };

export const stamp = (event: ProjectedEvent): Stamp => ({
  tenantId: event.metadata.tenantId,
  updatedAt: event.metadata.recordedAt,
  position: String(event.position),
});

// True when the document already reflects this event (or a later one). The runtime never
// applies an event twice to a generation, but folds that append (line items, approvals,
// launches) would double on a replay, so they refuse to look at the past twice.
export const alreadyApplied = (doc: Doc | undefined, event: ProjectedEvent): boolean =>
  doc !== undefined && typeof doc.position === 'string' && BigInt(doc.position) >= event.position;

// A collection only ever holds documents its own projection wrote, so reading one back as
// that projection's document type is a statement of fact, not a guess.
export const docAs = <T extends Doc>(doc: Doc | undefined): T | undefined => doc as T | undefined;

// Documents are JSON: optional fields are absent, never undefined (a store would write
// null or drop them, and a replay would then compare unequal).
export function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, plain(v)])) as T;
}

// The same fields as a type alias: interfaces (the domain's states) are not assignable to
// Doc's index signature, mapped types are.
export type Fields<T> = { [K in keyof T]: T[K] };

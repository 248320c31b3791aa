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
// Copy-on-write: only the objects on a path to an undefined are copied, everything else is
// returned as it is (a rebuild calls this for every event of every folding projection).
export function plain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((v, i) => {
      const c = plain(v);
      if (c !== v && !copy) copy = value.slice(0, i);
      copy?.push(c);
    });
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let copy: Record<string, unknown> | undefined;
  keys.forEach((k, i) => {
    const v = record[k];
    const c = v === undefined ? undefined : plain(v);
    if (!copy && (v === undefined || c !== v)) {
      copy = {};
      for (const before of keys.slice(0, i)) copy[before] = record[before];
    }
    if (copy && c !== undefined) copy[k] = c;
  });
  return (copy ?? value) as T;
}

// The same fields as a type alias: interfaces (the domain's states) are not assignable to
// Doc's index signature, mapped types are.
export type Fields<T> = { [K in keyof T]: T[K] };

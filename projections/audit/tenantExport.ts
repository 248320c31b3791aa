// A tenant's history as the file an auditor verifies offline (JSON lines): a header, every
// anchor, then the whole log in position order — the tenant's events in full, every other
// event as its position and digest only (what the log chain needs, nothing of its content
// or even its stream's name).
import type { EventStore } from '../../connectors/eventstore/port.ts';
import type { Anchor } from '../../connectors/audit/anchors.ts';
import { eventDigest } from '../../domain/shared/logChain.ts';
import { tenantOf } from './verifyChains.ts';

export const EXPORT_FORMAT = 'adledger-audit-export/1';

export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof EXPORT_FORMAT;
  readonly tenantId: string;
  readonly exportedAt: string;
  readonly head: string;
  readonly gapFreePositions: boolean;
}

export type ExportLine =
  | ExportHeader
  | ({ readonly kind: 'anchor' } & Anchor)
  | { readonly kind: 'event'; readonly position: string; readonly eventId: string; readonly streamId: string; readonly revision: string; readonly type: string; readonly data: unknown; readonly metadata: Record<string, unknown> }
  | { readonly kind: 'digest'; readonly position: string; readonly digest: string };

// Anchors are read before the head, so each one lies within the exported log.
export async function* tenantExport(store: EventStore, anchors: () => Promise<readonly Anchor[]>, tenantId: string, now = new Date()): AsyncIterable<string> {
  const signed = await anchors();
  const head = await store.headPosition();
  const header: ExportHeader = { kind: 'header', format: EXPORT_FORMAT, tenantId, exportedAt: now.toISOString(), head: String(head), gapFreePositions: store.gapFreePositions };
  yield `${JSON.stringify(header)}\n`;
  for (const anchor of signed) yield `${JSON.stringify({ kind: 'anchor', ...anchor })}\n`;
  for await (const e of store.readAll()) {
    if (e.position > head) break;
    const line: ExportLine =
      tenantOf(e) === tenantId
        ? { kind: 'event', position: String(e.position), eventId: e.eventId, streamId: e.streamId, revision: String(e.revision), type: e.type, data: e.data, metadata: e.metadata }
        : { kind: 'digest', position: String(e.position), digest: eventDigest(e) };
    yield `${JSON.stringify(line)}\n`;
  }
}

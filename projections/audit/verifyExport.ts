// The offline verifier: an export file and the audit key file, nothing else. The tenant's
// events are checked as the server checks them (their digests recomputed from their
// content, never read from the file); the other tenants' digests feed the log chain, so an
// event of the tenant moved, removed or added changes what the anchors signed.
import { z } from 'zod';
import type { Anchor } from '../../connectors/audit/anchors.ts';
import { eventDigest } from '../../domain/shared/logChain.ts';
import { invalid, type DomainError } from '../../domain/shared/errors.ts';
import type { ChainReport } from './chainBreaks.ts';
import type { KeyLookup } from './streamChains.ts';
import { EXPORT_FORMAT } from './tenantExport.ts';
import { verifyLog, type LogEntry } from './verifyLog.ts';

const digits = z.string().regex(/^\d+$/);
const hex = z.string().regex(/^[0-9a-f]{64}$/);
const lineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), format: z.literal(EXPORT_FORMAT), tenantId: z.string().min(1), exportedAt: z.string(), head: digits, gapFreePositions: z.boolean() }),
  z.object({ kind: z.literal('anchor'), seq: z.number().int().positive(), position: digits, state: hex, events: z.number().int().nonnegative(), keyId: z.string(), at: z.string(), prevSignature: hex, signature: hex }),
  z.object({ kind: z.literal('event'), position: digits, eventId: z.string(), streamId: z.string(), revision: digits, type: z.string(), data: z.unknown(), metadata: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('digest'), position: digits, digest: hex }),
]);

export interface ExportReport extends ChainReport {
  readonly tenantId: string;
  readonly exportedAt: string;
}

export async function verifyExport(lines: AsyncIterable<string>, keys: KeyLookup): Promise<ExportReport | DomainError> {
  const iterator = lines[Symbol.asyncIterator]();
  const parse = (text: string, n: number) => {
    const parsed = lineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : invalid('export.invalid_line', `Line ${n} of the export is not an adledger audit export line`, { line: n });
  };
  let n = 0;
  const next = async () => {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return undefined;
      n++;
      if (value.trim() !== '') return parse(value, n);
    }
  };
  const header = await next();
  if (!header || 'code' in header || header.kind !== 'header') return invalid('export.no_header', `The file does not start with an ${EXPORT_FORMAT} header`);
  const anchors: Anchor[] = [];
  let pending = await next();
  while (pending && !('code' in pending) && pending.kind === 'anchor') {
    const { kind: _kind, ...anchor } = pending;
    anchors.push(anchor);
    pending = await next();
  }
  const bad: DomainError[] = [];
  async function* entries(): AsyncIterable<LogEntry> {
    for (let line = pending; line; line = await next()) {
      if ('code' in line) return void bad.push(line);
      if (line.kind === 'digest') yield { position: BigInt(line.position), digest: line.digest };
      else if (line.kind === 'event') {
        const event = { ...line, revision: BigInt(line.revision), position: BigInt(line.position) };
        yield { position: event.position, digest: eventDigest(event), event };
      } else return void bad.push(invalid('export.out_of_order', `Line ${n}: a ${line.kind} line among the events`, { line: n }));
    }
  }
  const report = await verifyLog(entries(), { keys, anchors, gapFreePositions: header.gapFreePositions });
  if (bad[0]) return bad[0];
  // The tail after the last anchor is covered by the header's head (an edited header still
  // meets the anchors and the stream chains).
  const short = BigInt(report.head) < BigInt(header.head) && !report.breaks.some((b) => b.problem === 'log_truncated');
  const breaks = short ? [...report.breaks, { position: header.head, problem: 'log_truncated' as const, message: `The file ends at position ${report.head}, but its header says the log reached ${header.head}: its tail was cut` }] : report.breaks;
  return { ...report, ok: breaks.length === 0, breaks, tenantId: header.tenantId, exportedAt: header.exportedAt };
}

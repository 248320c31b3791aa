// One websocket message from a client: JSON, then the protocol's schema; what was wrong, if not.
import type { RawData } from 'ws';
import { zodDetails, type ZodDetail } from '../../domain/shared/zodDetails.ts';
import { clientMessageSchema, type ClientMessage } from './protocol.ts';

export function parseMessage(data: RawData): { success: true; data: ClientMessage } | { success: false; issues: ZodDetail[] } {
  let json: unknown;
  try {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return { success: false, issues: [{ path: '(root)', message: `Not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const result = clientMessageSchema.safeParse(json);
  if (result.success) return result;
  return { success: false, issues: zodDetails(result.error) };
}

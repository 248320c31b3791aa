// The console's websocket protocol (`GET /api/live`). Both sides import these schemas.
//
//   client                                  server
//   hello {token}                     ->     welcome {user, cursor}         (or close 4401)
//   subscribe {channel, tenantId?, since?} -> subscribed {channel, tenantId, cursor}
//                                            then, if `since` was given: the changes after it
//                                            (change...), or refetch when they are gone
//                                     <-     change {...} for every committed read-model change
//                                     <-     ops {...} projection status (ops channel, each second)
//   unsubscribe {channel, tenantId?}  ->     unsubscribed {channel, tenantId}
//
// Limits (api/ws/limits.ts): over the message rate, a message is answered with error
// rate.limited and dropped, and a socket that keeps on is closed (4430); a subscription past
// the maximum is refused with error subscriptions.too_many. The user's access is checked
// again while the socket is open: revoked, it gets error auth.token_revoked and close 4401.
//
// A cursor is `${hubEpoch}.${seq}`: the hub numbers every change in the order it was pushed,
// so "what did I miss" is exact across collections. A cursor from another epoch (the server
// restarted) or older than the hub's replay buffer is answered with `refetch`.
import { z } from 'zod';
import { principalSchema } from '../auth/principal.ts';

export const channels = ['approvals', 'plans', 'launches', 'audit', 'tenants', 'performance', 'ops'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

// Which read models feed each channel. `ops` carries projection status, not documents.
export const channelCollections: Readonly<Record<Channel, readonly string[]>> = {
  approvals: ['approvals_queue'],
  plans: ['plans', 'plan_versions'],
  launches: ['launches', 'campaigns'],
  audit: ['audit_timeline'],
  tenants: ['tenants'],
  // A performance day reached the warehouse (projections/reporting): the page re-reads its figures.
  performance: ['performance_days'],
  ops: [],
};

const cursorSchema = z.string().regex(/^[A-Za-z0-9]{1,40}\.\d{1,15}$/, 'Expected a cursor from a previous message');
const tenantIdSchema = z.string().min(1).max(100);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), token: z.string().min(1).max(4096) }),
  // tenantId omitted: every tenant the caller may see (agency roles only).
  z.strictObject({ type: z.literal('subscribe'), channel: channelSchema, tenantId: tenantIdSchema.optional(), since: cursorSchema.optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), channel: channelSchema, tenantId: tenantIdSchema.optional() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: 'welcome'; user: z.infer<typeof principalSchema>; cursor: string }
  | { type: 'subscribed'; channel: Channel; tenantId: string | null; cursor: string }
  | { type: 'unsubscribed'; channel: Channel; tenantId: string | null }
  | {
      type: 'change';
      channel: Channel;
      cursor: string;
      position: string; // event-log position: pass as ?after= for read-your-writes
      collection: string;
      id: string;
      tenantId: string | null;
      doc: Record<string, unknown> | null; // null: the document was deleted
    }
  | { type: 'refetch'; channel: Channel; tenantId: string | null; reason: string }
  | { type: 'ops'; projections: readonly unknown[] }
  | { type: 'pong' }
  | { type: 'error'; error: string; message: string; details: unknown };

// Close codes: why the server hung up.
export const closeCodes = {
  unauthenticated: 4401, // no hello, bad or expired token, or access revoked (reason: `signed out: <code>`)
  helloTimeout: 4408, // no hello within the allowed time
  tooSlow: 4429, // the client did not read fast enough; reconnect with `since`
  invalid: 4400, // a message that is not JSON or not in this protocol (repeatedly)
  flooding: 4430, // far over the message rate (error rate.limited came first); reconnect more gently
  goingAway: 1001, // the server is shutting down
} as const;

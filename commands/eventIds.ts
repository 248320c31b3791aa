import { createHash, randomBytes } from 'node:crypto';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Event ids derived from the command: a command replayed after a crash or a timeout
// produces the same ids, which the event store stores only once, wherever the retry lands.
// They are namespaced by the stream (which names the tenant): event ids are unique across
// the whole log, so ids from the command id alone would let one tenant probe, or take
// first, the command ids another tenant uses. When the command id is a UUIDv7 its time
// prefix is kept, so event ids arrive in time order and the store's event-id index grows
// at its right edge instead of at random pages (about 2x the durable append rate here).
export function eventIdFor(stream: string, commandId: string, index: number): string {
  const h = createHash('sha256').update(`adledger:${stream}:${commandId}:${index}`).digest('hex');
  const time = UUID7.test(commandId) ? commandId.replaceAll('-', '').slice(0, 12) : h.slice(0, 12);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

let lastMs = 0;
let counter = 0;
// randomBytes per id costs more than the rest of an append; draw entropy in blocks.
let pool = randomBytes(0);
let offset = 0;
function random8(): Buffer {
  if (offset + 8 > pool.length) {
    pool = randomBytes(8 * 1024);
    offset = 0;
  }
  offset += 8;
  return Buffer.from(pool.subarray(offset - 8, offset));
}

// RFC 9562 UUIDv7: 48-bit milliseconds, then a counter so ids made in one millisecond
// still sort in creation order.
export function newCommandId(): string {
  const ms = Date.now();
  counter = ms === lastMs ? (counter + 1) & 0xfff : 0;
  lastMs = ms;
  const hex = ms.toString(16).padStart(12, '0') + '7' + counter.toString(16).padStart(3, '0');
  const rand = random8();
  rand[0] = (rand[0]! & 0x3f) | 0x80;
  const tail = rand.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}

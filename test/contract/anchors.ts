// One contract for every AnchorStore adapter: anchors are kept in order, survive a reopen,
// and a second writer of the same number is refused (two instances anchoring at once).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Anchor, AnchorStore } from '../../connectors/audit/anchors.ts';
import { thenRefused } from '../support/then.ts';

export interface AnchorsUnderTest {
  open(): Promise<AnchorStore>; // every call opens the same, initially empty, storage
  close?(): Promise<void>;
}

const anchor = (seq: number, position: string, extra: Partial<Anchor> = {}): Anchor => ({
  seq,
  position,
  state: `${seq}`.padStart(64, 'a'),
  events: Number(position),
  keyId: 'k1',
  at: `2026-11-30T10:0${seq}:00.000Z`,
  prevSignature: `${seq - 1}`.padStart(64, '0'),
  signature: `${seq}`.padStart(64, 'b'),
  ...extra,
});

export function anchorStoreContract(name: string, adapter: AnchorsUnderTest): void {
  const t = suite(`anchors contract: ${name}`);
  t.after(async () => adapter.close?.());

  t('given no anchor, then last is undefined and the list is empty', async () => {
    const store = await adapter.open();
    assert.is(await store.last(), undefined);
    assert.equal(await store.list(), []);
    await store.close();
  });

  t('given anchors added, then they list oldest first, the last is the newest, and they survive a reopen as written', async () => {
    const store = await adapter.open();
    for (const a of [anchor(1, '5'), anchor(2, '9', { keyId: 'k2' }), anchor(3, '12345678901234567890')]) assert.is(await store.add(a), undefined);
    await store.close();
    const reopened = await adapter.open();
    assert.equal(await reopened.list(), [anchor(1, '5'), anchor(2, '9', { keyId: 'k2' }), anchor(3, '12345678901234567890')]);
    assert.equal(await reopened.last(), anchor(3, '12345678901234567890'));
    await reopened.close();
  });

  t('given an anchor with a number already taken, then it is refused as anchor.taken and the first one stays', async () => {
    const store = await adapter.open();
    const before = await store.list();
    const seq = before.length;
    thenRefused(await store.add(anchor(seq, '999', { state: 'c'.repeat(64) })), 'anchor.taken', 'conflict');
    assert.equal(await store.list(), before);
    await store.close();
  });

  t.run();
}

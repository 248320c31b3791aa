// The embedded store's knownRevision: commands whose fold is cached skip reading their
// stream only while this connection's view of it is exact; another connection's append
// must be seen by the very next command.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import type { NewEvent } from '../../connectors/eventstore/port.ts';
import { aggregateCache, loadAggregate, type Fold } from '../../commands/loadAggregate.ts';
import { newId } from '../support/ids.ts';
import { tempDir } from '../support/tempDir.ts';

const t = suite('sqlite event store: known revisions');
const ev = (): NewEvent => ({ eventId: newId(), type: 'x', data: {}, metadata: {} });
const file = () => join(tempDir('known'), 'events.db');
const counter: Fold<number> = { initialState: 0, evolve: (n) => n + 1 };

t('known after this connection appends; unknown once another connection has appended', async () => {
  const path = file();
  const mine = openSqliteEventStore(path);
  const other = openSqliteEventStore(path);
  assert.ok((await mine.append('s-1', [ev()], 'no_stream')).ok);
  assert.is(mine.knownRevision?.('s-1'), 0n);
  assert.ok((await other.append('s-1', [ev()], 0n)).ok);
  assert.is(mine.knownRevision?.('s-1'), undefined, 'another connection committed: only a read can tell');
  assert.ok((await mine.append('s-1', [ev()], 1n)).ok, 'the append itself checks against the file');
  assert.is(mine.knownRevision?.('s-1'), 2n);
  await other.close();
  await mine.close();
});

t('a cached fold is brought up to date with what another connection appended', async () => {
  const path = file();
  const mine = openSqliteEventStore(path);
  const other = openSqliteEventStore(path);
  const cache = aggregateCache();
  await mine.append('s-1', [ev()], 'no_stream');
  assert.is((await loadAggregate(mine, 's-1', counter, cache)).state, 1);
  assert.is((await loadAggregate(mine, 's-1', counter, cache)).state, 1, 'nothing new: served without a read');
  await other.append('s-1', [ev(), ev()], 0n);
  const loaded = await loadAggregate(mine, 's-1', counter, cache);
  assert.equal([loaded.state, loaded.revision], [3, 2n]);
  await other.close();
  await mine.close();
});

t.run();

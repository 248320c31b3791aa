// Which connections the EventStoreDB adapter opens and which servers it accepts, decided
// from the connection string and the server's reported version (no server runs here).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leaderConnectionString, serverVersionProblem } from '../../connectors/eventstore/esdbClients.ts';

const t = suite('esdb clients');

t('given a string that already goes to the leader, then no second connection is made', () => {
  assert.is(leaderConnectionString('esdb://localhost:2113?tls=false'), undefined);
  assert.is(leaderConnectionString('esdb://localhost:2113'), undefined);
  assert.is(leaderConnectionString('esdb+discover://cluster:2113?nodePreference=leader&tls=false'), undefined);
  assert.is(leaderConnectionString('esdb+discover://cluster:2113?NodePreference=Leader'), undefined);
});

t('given a follower (or any non-leader) preference, then the write connection is the same string preferring the leader', () => {
  assert.is(
    leaderConnectionString('esdb+discover://admin:changeit@cluster:2113?tls=true&nodePreference=follower&connectionName=api'),
    'esdb+discover://admin:changeit@cluster:2113?tls=true&nodePreference=leader&connectionName=api',
  );
  assert.is(leaderConnectionString('esdb://a:2113,b:2113,c:2113?nodepreference=random'), 'esdb://a:2113,b:2113,c:2113?nodePreference=leader');
  assert.is(leaderConnectionString('esdb://a:2113?nodePreference=readOnlyReplica'), 'esdb://a:2113?nodePreference=leader');
});

t('servers from 22.6 on are accepted', () => {
  for (const version of ['22.6.0.0', '22.10.1.0', '23.10.0', '24.2.0.0', '24.10.0-prerelease', '25.0.1']) assert.is(serverVersionProblem(version), undefined, version);
});

t('servers before 22.6, and those too old to report a version, are refused with a sentence naming the need and the variable', () => {
  for (const version of ['21.10.9.0', '22.2.0.0', '20.10.5', 'unknown', '']) {
    const problem = serverVersionProblem(version);
    assert.ok(problem?.includes('22.6') && problem.includes('ESDB_URL'), `${version}: ${problem}`);
  }
});

t.run();

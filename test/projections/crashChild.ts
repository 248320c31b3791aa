// The process crash.test.ts kills: runs every real projection over an event log file into a
// document store file until it has caught up with the head, then exits 0.
//   node --import tsx test/projections/crashChild.ts <eventsDb> <docsDb>
// stdout, one line each: `started <head>` once the daemon runs, `caught-up <head>` at the end.
// The holder is fixed, as a restarted server's would be, so a restart after SIGKILL takes
// its own lease back at once instead of waiting for the dead one's to expire.
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';

const [eventsPath, docsPath] = process.argv.slice(2);
if (!eventsPath || !docsPath) {
  console.error('usage: crashChild.ts <eventsDb> <docsDb>');
  process.exit(2);
}

const events = openSqliteEventStore(eventsPath);
const docs = await openSqliteDocumentStore(docsPath);
const head = await events.headPosition();
const daemon = projectionDaemon({ events, docs, projections: allProjections, holder: 'crash-child' });
await daemon.start();
console.log(`started ${head}`);
const caughtUp = await daemon.waitFor(head, 120_000);
const status = daemon.status();
await daemon.stop();
await docs.close();
await events.close();
if (!caughtUp) {
  console.error(`did not reach ${head}: ${JSON.stringify(status)}`);
  process.exit(1);
}
console.log(`caught-up ${head}`);

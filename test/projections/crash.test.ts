// Crash safety of the projector: a child process projecting a realistic log is SIGKILLed at
// random points of its catch-up and restarted, several times, then left to finish. Its
// documents must be exactly those of a clean build from scratch, and every checkpoint the
// head: a batch and its checkpoint commit together, so a kill loses or doubles nothing.
import { suite } from 'uvu';
import { allDocs } from '../support/allDocs.ts';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runChild } from '../support/childProcess.ts';
import { openSqliteEventStore } from '../../connectors/eventstore/sqlite.ts';
import { openSqliteDocumentStore } from '../../readmodels/documents/sqlite.ts';
import type { DocumentStore } from '../../readmodels/documents/port.ts';
import { allProjections } from '../../projections/definitions/index.ts';
import { projectionDaemon } from '../../projections/runtime/daemon.ts';
import { tempDir } from '../support/tempDir.ts';
import { appendCopies, templateLog } from './crashLog.ts';

const t = suite('projector crash safety');

const EVENTS = 20_000;
const ROUNDS = 5;
const child = join(import.meta.dirname, 'crashChild.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function checkpoints(docs: DocumentStore): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const p of allProjections) out[p.name] = (await docs.checkpoint(p.name, await docs.activeGeneration(p.name))) ?? 0n;
  return out;
}

async function readCheckpoints(path: string): Promise<Record<string, bigint>> {
  const docs = await openSqliteDocumentStore(path);
  await docs.prepare(allProjections.map((p) => ({ name: p.name, indexes: p.indexes })));
  try {
    return await checkpoints(docs);
  } finally {
    await docs.close();
  }
}


const show = (c: Record<string, bigint>) => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ');

t('SIGKILL at random points of a catch-up, restarted each time, ends with exactly the documents of a clean build', async () => {
  const dir = tempDir('crash');
  const eventsPath = join(dir, 'events.db');
  const template = await templateLog(12);
  const events = openSqliteEventStore(eventsPath);
  const head = await appendCopies(events, template, EVENTS);
  assert.is(head, BigInt(EVENTS));

  // The reference: one daemon from scratch, never interrupted. Its time scales the kills.
  const clean = await openSqliteDocumentStore(join(dir, 'clean.db'));
  const started = Date.now();
  const daemon = projectionDaemon({ events, docs: clean, projections: allProjections });
  await daemon.start();
  assert.ok(await daemon.waitFor(head, 120_000), 'the clean build caught up');
  const cleanMs = Date.now() - started;
  await daemon.stop();
  await events.close();
  console.log(`  crash: ${head} events (template: ${template.events.length} events from ${template.commands} commands), clean build ${cleanMs} ms`);

  const crashedPath = join(dir, 'crashed.db');
  let before: Record<string, bigint> = Object.fromEntries(allProjections.map((p) => [p.name, 0n]));
  let killedMidway = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const run = runChild(child, eventsPath, crashedPath);
    await run.line('started', 30_000);
    // A random point of what is left to do, judged by the slowest projection's progress.
    const slowest = Object.values(before).reduce((a, b) => (a < b ? a : b));
    const left = cleanMs * (1 - Number(slowest) / Number(head));
    // The first kill lands a third of the way in, so that at least one surely interrupts a
    // catch-up (random points alone missed it about once in five runs); the rest are random.
    const delay = Math.round((round === 1 ? 0.33 : Math.random() * 0.8) * left);
    await sleep(delay);
    run.kill();
    const exit = await run.exited;
    const after = await readCheckpoints(crashedPath);
    const finishedFirst = run.lines.some((l) => l.startsWith('caught-up'));
    const midway = Object.values(after).some((c) => c > 0n && c < head);
    if (midway && exit.signal === 'SIGKILL') killedMidway++;
    console.log(`  crash round ${round}: killed after ${delay} ms (exit ${exit.signal ?? exit.code}${finishedFirst ? ', had already caught up' : ''}); checkpoints ${show(after)}`);
    for (const [name, position] of Object.entries(after)) {
      assert.ok(position >= before[name]!, `${name}'s checkpoint went back from ${before[name]} to ${position}`);
    }
    before = after;
  }
  assert.ok(killedMidway > 0, `at least one SIGKILL landed in the middle of a catch-up (${killedMidway} of ${ROUNDS} did)`);

  const last = runChild(child, eventsPath, crashedPath);
  assert.is(await last.line('caught-up', 120_000), `caught-up ${head}`);
  assert.equal(await last.exited, { code: 0, signal: null });

  const crashed = await openSqliteDocumentStore(crashedPath);
  await crashed.prepare(allProjections.map((p) => ({ name: p.name, indexes: p.indexes })));
  const everyAtHead = Object.fromEntries(allProjections.map((p) => [p.name, head]));
  assert.equal(await checkpoints(crashed), everyAtHead, 'every checkpoint of the crashed build is the head');
  assert.equal(await checkpoints(clean), everyAtHead, 'every checkpoint of the clean build is the head');
  for (const p of allProjections) {
    const expected = await allDocs(clean, p.name);
    const actual = await allDocs(crashed, p.name);
    console.log(`  crash: ${p.name}: ${actual.length} documents`);
    assert.ok(expected.length > 0, `the clean build wrote ${p.name} documents`);
    assert.is(actual.length, expected.length, `${p.name}: as many documents as the clean build`);
    for (let i = 0; i < expected.length; i++) assert.equal(actual[i], expected[i], `${p.name}: document ${expected[i]!.id}`);
  }
  assert.equal(await crashed.parked(), [], 'nothing parked after the crashes');
  assert.equal(await clean.parked(), [], 'nothing parked in the clean build');
  await crashed.close();
  await clean.close();
});

t.run();

// WAL checkpoints of the document store, off the main thread. By default SQLite runs one
// inside the commit that grows the WAL past 1000 pages: it copies those pages into the
// database file and fsyncs it, and the event loop waited on that every few projection
// batches (the audit timeline dirties pages all over its indexes). Here a worker thread with
// its own connection runs PASSIVE checkpoints, which never block a reader or the writer, at
// most every INTERVAL_MS while batches are being committed. The writer's own autocheckpoint
// stays, at FALLBACK_PAGES: it finishes what the worker has not (then the WAL starts over
// from its beginning), and takes over if the worker fails.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  committed(): void; // a write transaction committed
  close(): Promise<void>;
}

export const FALLBACK_PAGES = 10_000;
const INTERVAL_MS = 100;

// Plain CommonJS, so the worker needs no TypeScript loader (workers do not inherit tsx's).
const source = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next commit asks again, and the writer's autocheckpoint remains.
  }
  parentPort.postMessage('done');
});
`;

export function walCheckpointer(path: string, onFailure: () => void): Checkpointer {
  let worker: Worker | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let dirty = false; // committed since the last checkpoint started
  let lastRun = 0;
  let failed = false;
  let closed = false;

  const start = (): Worker => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = new Worker(source, { eval: true, workerData: { path, driver } });
    w.unref(); // never what keeps a process alive
    w.on('message', () => {
      running = false;
      schedule();
    });
    w.on('error', () => {
      failed = true;
      worker = undefined;
      onFailure();
    });
    return w;
  };
  const schedule = () => {
    if (closed || failed || running || timer || !dirty) return;
    timer = setTimeout(run, Math.max(0, lastRun + INTERVAL_MS - Date.now()));
    timer.unref();
  };
  const run = () => {
    timer = undefined;
    if (closed || failed) return;
    worker ??= start();
    dirty = false;
    running = true;
    lastRun = Date.now();
    worker.postMessage('checkpoint');
  };

  return {
    committed() {
      dirty = true;
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.ref(); // until it has closed its connection, which close() waits for
      w.postMessage('close');
      await exited;
    },
  };
}

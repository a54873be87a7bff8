// WAL checkpoints off the request path. Left to itself, SQLite checkpoints inside the commit that
// takes the WAL past `wal_autocheckpoint` pages: that commit copies the WAL into the database file
// and fsyncs both before it returns, on the event loop, so every few dozen writes one request (and
// every request queued behind it) waited for two fsyncs. Here a worker thread with a connection of
// its own runs PASSIVE checkpoints, which never block the writer, every few milliseconds. The main
// connection keeps an automatic checkpoint at a larger WAL size as a backstop (it then only copies
// what the worker has not yet copied, and lets the WAL start over from its beginning, which a
// checkpoint running beside a busy writer rarely can).
//
// Durability is unchanged: a commit is in the WAL before it returns, as before; a checkpoint only
// moves committed pages into the database file, and syncs (synchronous=NORMAL) as SQLite always does.
// The worker is code in a string (no file of its own to bundle) and loads the same better-sqlite3.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints; a pass with nothing to copy costs one read of the WAL index. */
const INTERVAL_MS = 10;

/**
 * Pages (4 KiB) the WAL may reach before the writer checkpoints itself (SQLite's default is 1000).
 * Under steady writes the worker's checkpoints rarely catch up with the very last commit, which a
 * WAL needs to start over, so the WAL grows to this size and the writer's checkpoint then finishes
 * the little the worker left; in a pause between writes the worker's own checkpoint does.
 */
export const BACKSTOP_PAGES = 16_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
let timer;
const pass = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a closing database: the next pass, or the writer's backstop, checkpoints.
  }
  timer = setTimeout(pass, workerData.intervalMs);
};
pass();
parentPort.once('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the main connection closes). */
  stop(): Promise<void>;
}

/** Starts checkpointing `file` (a WAL database) in a worker thread. */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs: INTERVAL_MS } });
  worker.unref();
  // A worker that fails (it cannot open the file, say) leaves checkpoints to the backstop.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

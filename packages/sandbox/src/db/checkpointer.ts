// WAL checkpoints off the request path. Left to itself, SQLite checkpoints inside the commit that
// takes the WAL past `wal_autocheckpoint` pages: that commit copies the WAL into the database file
// and fsyncs both before it returns, on the event loop, so every few dozen writes one request (and
// every request queued behind it) waited for two fsyncs. Here a worker thread with a connection of
// its own runs PASSIVE checkpoints, which never block the writer. The main connection keeps an
// automatic checkpoint at a larger WAL size as a backstop (it then only copies what the worker has
// not yet copied).
//
// When to checkpoint: once the WAL is wholly copied, the next commit starts it over from its
// beginning, and that commit syncs the WAL's new header (one fsync, on the event loop). So the worker
// checkpoints once a batch of frames is waiting (`FRAMES_PER_CHECKPOINT`), or when writes pause
// (`QUIET_MS`), not on a timer alone: checkpointing every few milliseconds made every fourth durable
// write under load pay that fsync, and copied the same hot pages (an account, its invoice, an index
// leaf) again every few commits. How many frames wait it reads from the WAL index header in the
// `-shm` file (SQLite's documented wal-index format: `mxFrame`, the last valid frame, at byte 16 of
// the header, and `nBackfill`, the frames already checkpointed, at byte 96; native byte order), one
// small read per pass. When the header cannot be read, it checkpoints on every pass.
//
// Durability is unchanged: a commit is in the WAL before it returns, as before; a checkpoint only
// moves committed pages into the database file, and syncs (synchronous=NORMAL) as SQLite always does.
// The worker is code in a string (no file of its own to bundle) and loads the same better-sqlite3.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker looks at the WAL index (one read of 100 bytes of the `-shm` file). */
const INTERVAL_MS = 10;

/**
 * How long no frame must be added before writes count as paused. Longer than the gaps a busy or
 * starved process leaves between writes under load (a few to a few dozen ms on a loaded machine:
 * counting each 10 ms gap as a pause started the WAL over every five writes), short enough that a
 * quiet sandbox has its WAL copied within a fraction of a second.
 */
const QUIET_MS = 100;

/**
 * WAL frames (a page of 4 KiB each) that make the worker checkpoint while writes go on: a durable
 * POST writes about 9, so the WAL starts over about once per 200 of them and stays near 8 MiB.
 */
export const FRAMES_PER_CHECKPOINT = 2048;

/**
 * WAL frames past which the worker checkpoints on every pass instead of once a batch waits. Under
 * moderate writes it then catches up with the last commit, and the WAL starts over (one sync of its
 * header) long before the writer's backstop; under saturating writes a commit lands during every
 * pass and it never quite catches up, but it leaves the backstop little to copy.
 */
export const CATCH_UP_FRAMES = 8192;

/**
 * Pages (4 KiB) the WAL may reach before the writer checkpoints itself (SQLite's default is 1000).
 * That checkpoint runs inside a commit, on the event loop, and syncs the database file: 2 to 7 ms
 * here, while every request waits. Under steady writes the worker's checkpoints never catch up with
 * the very last commit, which a WAL needs to start over, so the WAL grows to this size: at 16 000
 * pages that was once a second at 5 000 durable writes a second, and those stalls were most of the
 * POSTs' p99. The price is disk: under sustained writes the WAL file grows to 256 MiB (it keeps its
 * largest size); after any pause of QUIET_MS the worker's checkpoint lets it start over.
 */
export const BACKSTOP_PAGES = 65_536;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const fs = require('node:fs');
const little = require('node:os').endianness() === 'LE';
const header = Buffer.alloc(100);
let shm;
try {
  shm = fs.openSync(workerData.file + '-shm', 'r');
} catch {
  shm = undefined;
}
/** The frames in the WAL and those already checkpointed, or undefined when the index is unreadable. */
const walIndex = () => {
  try {
    if (shm === undefined || fs.readSync(shm, header, 0, 100, 0) < 100) return undefined;
  } catch {
    return undefined;
  }
  const u32 = (at) => (little ? header.readUInt32LE(at) : header.readUInt32BE(at));
  return { frames: u32(16), backfilled: u32(96) };
};
let timer;
let seen = -1; // the WAL's frame count at the last pass
let quiet = 0; // passes since a frame was last added
const pass = () => {
  const index = walIndex();
  const waiting = index ? index.frames - index.backfilled : 1;
  quiet = index && index.frames === seen ? quiet + 1 : 0;
  const paused = index ? quiet >= workerData.quietPasses : true;
  seen = index ? index.frames : -1;
  const large = index ? index.frames >= workerData.catchUpFrames : false;
  if (waiting > 0 && (waiting >= workerData.batch || paused || large)) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // SQLITE_BUSY or a closing database: the next pass, or the writer's backstop, checkpoints.
    }
  }
  timer = setTimeout(pass, workerData.intervalMs);
};
pass();
parentPort.once('message', () => {
  clearTimeout(timer);
  if (shm !== undefined) fs.closeSync(shm);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the main connection closes). */
  stop(): Promise<void>;
}

/** When the worker checkpoints: the constants above, smaller in tests. */
export interface CheckpointPolicy {
  batch: number;
  catchUpFrames: number;
}

/** Starts checkpointing `file` (a WAL database) in a worker thread. */
export function startCheckpointer(
  file: string,
  policy: CheckpointPolicy = { batch: FRAMES_PER_CHECKPOINT, catchUpFrames: CATCH_UP_FRAMES },
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      file,
      driver,
      intervalMs: INTERVAL_MS,
      batch: policy.batch,
      catchUpFrames: policy.catchUpFrames,
      quietPasses: Math.ceil(QUIET_MS / INTERVAL_MS),
    },
  });
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

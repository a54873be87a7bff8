// WAL checkpoints run beside the requests, not inside them: on a file database, what a request
// committed reaches the database file itself (not only the WAL) after a few writes, long before the
// WAL reaches the size at which a writer would checkpoint on its own. The database file is read
// from a copy of it alone, without its WAL, so only checkpointed pages are seen.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../src/db/checkpointer.js';
import { startTestSandbox, V2 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'billing-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The applied credit of an invoice as the database file alone (no WAL) has it, or undefined. */
function inDatabaseFile(file: string, invoiceId: string): number | undefined {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const row = db.prepare('SELECT credit_applied_minor AS applied FROM invoices WHERE id = ?').get(invoiceId) as
      | { applied: number }
      | undefined;
    return row?.applied;
  } catch {
    return undefined; // the copy holds no invoices table yet
  } finally {
    db.close();
    rmSync(copy, { force: true });
  }
}

describe('checkpoints on a file database', () => {
  it('moves committed writes into the database file while the sandbox keeps serving', async () => {
    const file = join(dir, 'sandbox.db');
    const t = await startTestSandbox({ data: file });
    try {
      const account = await t.createAccount({
        credit: 100,
        invoices: [{ status: 'unpaid', lines: [{ description: 'Checkpoint', unitAmount: 100, taxRate: 25 }] }],
      });
      const invoice = account.invoices[0]!.id;
      for (let i = 0; i < 3; i++) {
        const res = await t.post(
          `${V2}/invoices/${invoice}/actions/apply-credit`,
          { amount: 1 },
          account.keys.readWrite,
          {
            idempotencyKey: `checkpoint-${i}`,
          },
        );
        expect(res.status).toBe(200);
      }
      // Polled, not timed: the worker checkpoints every few milliseconds; 15 s is a generous bound.
      let applied: number | undefined;
      for (let i = 0; i < 150 && applied !== 300; i++) {
        applied = inDatabaseFile(file, invoice);
        if (applied !== 300) await sleep(100);
      }
      expect(applied).toBe(300);
      // And the sandbox still serves what it committed.
      const res = await t.get(`${V2}/invoices/${invoice}`, account.keys.readWrite);
      expect((res.body as { creditApplied: number }).creditApplied).toBe(3);
    } finally {
      await t.close();
    }
  });
});

/** The WAL's checkpoint sequence number: SQLite adds one each time the WAL starts over from its beginning. */
function walRestarts(file: string): number {
  const header = readFileSync(`${file}-wal`).subarray(0, 32);
  return header.readUInt32BE(12);
}

describe('checkpoints under steady writes', () => {
  it('let the WAL grow while writes go on, so commits seldom pay for starting it over', async () => {
    // Each time the WAL starts over, the commit that does it syncs the new WAL header on the event loop;
    // checkpointing on every pass made that every few writes.
    const file = join(dir, 'steady.db');
    const t = await startTestSandbox({ data: file });
    try {
      const account = await t.createAccount({
        credit: 10_000,
        invoices: [{ status: 'unpaid', lines: [{ description: 'Steady', unitAmount: 10_000, taxRate: 0 }] }],
      });
      const invoice = account.invoices[0]!.id;
      const writes = 240;
      const inFlight = 8;
      const before = walRestarts(file);
      let next = 0;
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < writes) {
            const i = next++;
            const res = await t.post(
              `${V2}/invoices/${invoice}/actions/apply-credit`,
              { amount: 1 },
              account.keys.readWrite,
              {
                idempotencyKey: `steady-${i}`,
              },
            );
            statuses.push(res.status);
          }
        }),
      );
      const restarts = walRestarts(file) - before;
      console.log(`checkpoint: the WAL started over ${restarts} times in ${writes} writes, ${inFlight} in flight`);
      expect(statuses.filter((s) => s === 200)).toHaveLength(writes);
      // About 9 WAL frames a write: 240 writes fit well within one batch, and the writes never pause
      // for 100 ms, so the WAL seldom starts over (0 or 1 times, also on a machine whose CPU other work
      // keeps busy). Checkpointing on every pass made it 60 to 80 times; counting every 10 ms gap as a
      // pause, 30 to 45 on a loaded machine.
      expect(restarts).toBeLessThanOrEqual(writes / 8);
    } finally {
      await t.close();
    }
  });
});

describe('checkpoints once the WAL is large', () => {
  it('catch up with the writes, so the WAL starts over before the writer has to checkpoint it itself', async () => {
    // Small thresholds stand in for the real ones: no checkpoint for a batch of frames (the batch is
    // never reached), and every pass once the WAL holds catchUpFrames. The writer's own backstop is
    // off, and the writes never pause for long, so only catching up lets the WAL start over.
    const file = join(dir, 'catch-up.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER, payload BLOB)');
    const checkpointer = startCheckpointer(file, { batch: 1_000_000, catchUpFrames: 64 });
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    const payload = Buffer.alloc(3000, 7); // about a page: a frame or two a write
    try {
      const before = walRestarts(file);
      const writes = 300;
      for (let i = 0; i < writes; i++) {
        insert.run(i, payload);
        await sleep(3); // far from the 100 ms that count as a pause
      }
      const restarts = walRestarts(file) - before;
      console.log(`checkpoint: catching up, the WAL started over ${restarts} times in ${writes} writes`);
      // Without catching up: 0 (the same writes with catchUpFrames above their frames).
      expect(restarts).toBeGreaterThan(0);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});

// The SQLite store's own connections keep what Kysely's executor guaranteed: transactions never
// interleave, no one reads uncommitted writes, a failed transaction leaves nothing behind, and rows
// come back as objects named by their columns. The transactions of one turn share one commit, and
// none is answered before it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConnection } from '../src/db/sqlite-connection.js';

const q = (sql: string, ...parameters: unknown[]) => CompiledQuery.raw(sql, parameters);
const SCHEMA = [
  'CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))',
  'CREATE TABLE child (id TEXT PRIMARY KEY, t_id TEXT REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)',
  "INSERT INTO t VALUES ('a', 1)",
];

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/** Whether `promise` has settled after the event loop has had `ms` to run. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

/**
 * A transaction that runs `before`, then stays open across a real wait until `gate.fire()`, then runs
 * `after`; resolves once it is open.
 */
async function holdOpen(connection: SqliteConnection, before: string[], after: string[] = []) {
  const inside = signal();
  const gate = signal();
  const tx = connection.transaction(async (run) => {
    for (const statement of before) await run.executeQuery(q(statement));
    inside.fire();
    await gate.promise;
    for (const statement of after) await run.executeQuery(q(statement));
  });
  await inside.promise;
  return { tx, gate };
}

describe('SqliteConnection', () => {
  const closers: Array<() => void> = [];
  let db: Database.Database;
  let walFile: string;
  /** Frames in the WAL file: its 32-byte header, then a 24-byte header and a page per frame. */
  const walFrames = () => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return (statSync(walFile).size - 32) / (24 + pageSize);
  };
  /** In memory (one connection), or on a file with a second connection for reads. */
  const open = (on: 'memory' | 'file' = 'memory') => {
    let reader: Database.Database | undefined;
    if (on === 'memory') db = new Database(':memory:');
    else {
      const dir = mkdtempSync(join(tmpdir(), 'sqlite-connection-'));
      db = new Database(join(dir, 'db.sqlite'));
      db.pragma('journal_mode = WAL');
      walFile = join(dir, 'db.sqlite-wal');
      reader = new Database(join(dir, 'db.sqlite'));
      reader.pragma('query_only = ON');
      closers.push(() => rmSync(dir, { recursive: true, force: true }));
      closers.push(() => reader?.close());
    }
    db.pragma('foreign_keys = ON');
    for (const statement of SCHEMA) db.exec(statement);
    closers.push(() => db.close());
    return new SqliteConnection(db, reader);
  };
  afterEach(() => {
    for (const close of closers.splice(0).reverse()) close();
  });

  it('in memory, makes a read wait for the open transaction, so it sees only committed values', async () => {
    const connection = open('memory');
    const { tx, gate } = await holdOpen(
      connection,
      ["UPDATE t SET n = 2 WHERE id = 'a'"],
      ["UPDATE t SET n = 3 WHERE id = 'a'"],
    );
    const read = connection.outside.executeQuery<{ n: number }>(q("SELECT n FROM t WHERE id = 'a'"));
    expect(await settledWithin(read, 20)).toBe(false);
    gate.fire();
    await tx;
    expect((await read).rows).toEqual([{ n: 3 }]);
  });

  it('on a file, answers a read at once from the last commit while a transaction is open', async () => {
    const connection = open('file');
    const { tx, gate } = await holdOpen(connection, ["UPDATE t SET n = 2 WHERE id = 'a'"]);
    const read = connection.outside.executeQuery<{ n: number }>(q("SELECT n FROM t WHERE id = 'a'"));
    expect(await settledWithin(read, 20)).toBe(true);
    expect((await read).rows).toEqual([{ n: 1 }]);
    // A write outside a transaction goes to the writer, after the transaction.
    const write = connection.outside.executeQuery(q("INSERT INTO t VALUES ('w', 4)"));
    expect(await settledWithin(write, 20)).toBe(false);
    gate.fire();
    await tx;
    expect((await write).numAffectedRows).toBe(1n);
    expect((await connection.outside.executeQuery(q('SELECT id, n FROM t ORDER BY id'))).rows).toEqual([
      { id: 'a', n: 2 },
      { id: 'w', n: 4 },
    ]);
  });

  it('on a file, shows a read the last commit even within the turn its snapshot was taken', async () => {
    const connection = open('file');
    const n = async () =>
      (await connection.outside.executeQuery<{ n: number }>(q("SELECT n FROM t WHERE id = 'a'"))).rows[0]?.n;
    // The commit is asked for before the read, so it runs before the turn's snapshot would end by itself.
    const write = connection.transaction((run) => run.executeQuery(q("UPDATE t SET n = 5 WHERE id = 'a'")));
    const before = n();
    await write;
    expect(await before).toBe(1);
    expect(await n()).toBe(5);
    // A write outside a transaction, too: the read after it, in the same turn, sees it.
    const count = async () =>
      (await connection.outside.executeQuery<{ c: number }>(q('SELECT count(*) AS c FROM t'))).rows[0]?.c;
    const counted = count();
    await connection.outside.executeQuery(q("INSERT INTO t VALUES ('w', 4)"));
    expect(await counted).toBe(1);
    expect(await count()).toBe(2);
  });

  it('runs the transactions of one turn under one commit, answering none before it, and rolls back a failed one alone', async () => {
    const connection = open('file');
    const order: string[] = [];
    const ask = (id: string, n: number) =>
      connection
        .transaction(async (run) => {
          order.push(`ran ${id}`);
          await run.executeQuery(q('INSERT INTO t VALUES (?, ?)', id, n));
        })
        .then(
          () => order.push(`kept ${id}`),
          (error: Error) => order.push(`refused ${id}: ${error.message}`),
        );
    // One transaction alone writes this many WAL frames; the three of one turn write as many.
    const framesBefore = walFrames();
    await connection.transaction((run) => run.executeQuery(q("INSERT INTO t VALUES ('alone', 1)")));
    const framesOfOne = walFrames() - framesBefore;
    expect(framesOfOne).toBeGreaterThan(0);
    await Promise.all([ask('b', 1), ask('c', -1), ask('d', 1)]);
    expect(walFrames() - framesBefore - framesOfOne).toBe(framesOfOne);
    expect(order).toEqual([
      'ran b',
      'ran c',
      'ran d',
      'kept b',
      'refused c: CHECK constraint failed: n >= 0',
      'kept d',
    ]);
    expect((await connection.outside.executeQuery(q('SELECT id FROM t ORDER BY id'))).rows).toEqual([
      { id: 'a' },
      { id: 'alone' },
      { id: 'b' },
      { id: 'd' },
    ]);
  });

  it('refuses every transaction of a commit that fails, and keeps none of them', async () => {
    const connection = open('file');
    const results = await Promise.allSettled([
      connection.transaction((run) => run.executeQuery(q("INSERT INTO t VALUES ('b', 1)"))),
      // A deferred foreign key is checked at COMMIT: this one makes the shared commit fail.
      connection.transaction((run) => run.executeQuery(q("INSERT INTO child VALUES ('x', 'nowhere')"))),
      connection.transaction((run) => run.executeQuery(q("INSERT INTO t VALUES ('d', 1)"))),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const result of results)
      expect((result as PromiseRejectedResult).reason.message).toMatch(/FOREIGN KEY constraint failed/);
    expect((await connection.outside.executeQuery(q('SELECT id FROM t ORDER BY id'))).rows).toEqual([{ id: 'a' }]);
    expect(db.inTransaction).toBe(false);
    // The connection goes on: the next turn's transaction commits.
    await connection.transaction((run) => run.executeQuery(q("INSERT INTO t VALUES ('e', 1)")));
    expect((await connection.outside.executeQuery(q('SELECT id FROM t ORDER BY id'))).rows).toEqual([
      { id: 'a' },
      { id: 'e' },
    ]);
  });

  it('rolls back everything a failed transaction wrote, and frees the connection', async () => {
    const connection = open();
    await expect(
      connection.transaction(async (run) => {
        await run.executeQuery(q("INSERT INTO t VALUES ('b', 5)"));
        await run.executeQuery(q("UPDATE t SET n = n - 10 WHERE id = 'a'")); // breaks the CHECK
      }),
    ).rejects.toThrow(/CHECK constraint failed/);
    const { rows } = await connection.outside.executeQuery(q('SELECT id, n FROM t ORDER BY id'));
    expect(rows).toEqual([{ id: 'a', n: 1 }]);
    expect(db.inTransaction).toBe(false);
  });

  it('names each row by its columns, aliases included, and reports what a write changed', async () => {
    const connection = open();
    const write = await connection.outside.executeQuery(q("INSERT INTO t VALUES ('c', 7)"));
    expect(write.numAffectedRows).toBe(1n);
    const { rows } = await connection.outside.executeQuery(
      q('SELECT t.*, n * 2 AS twice FROM t WHERE id = ? OR id = ? ORDER BY id', 'a', 'c'),
    );
    expect(rows).toEqual([
      { id: 'a', n: 1, twice: 2 },
      { id: 'c', n: 7, twice: 14 },
    ]);
  });
});

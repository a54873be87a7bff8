// The SQLite store's own connection keeps what Kysely's executor guaranteed: a transaction holds the
// connection from BEGIN to COMMIT (a read meanwhile waits and never sees its uncommitted writes), a
// failed transaction leaves nothing behind, and rows come back as objects named by their columns.
import Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConnection } from '../src/db/sqlite-connection.js';

const q = (sql: string, ...parameters: unknown[]) => CompiledQuery.raw(sql, parameters);

describe('SqliteConnection', () => {
  let db: Database.Database;
  const open = () => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))');
    db.exec("INSERT INTO t VALUES ('a', 1)");
    return new SqliteConnection(db);
  };
  afterEach(() => db?.close());

  it('makes a read outside wait for the open transaction, so it sees only committed values', async () => {
    const connection = open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = connection.transaction(async (run) => {
      await run.executeQuery(q("UPDATE t SET n = 2 WHERE id = 'a'"));
      await gate; // the transaction stays open across a real wait
      await run.executeQuery(q("UPDATE t SET n = 3 WHERE id = 'a'"));
    });
    const read = connection.outside.executeQuery<{ n: number }>(q("SELECT n FROM t WHERE id = 'a'"));
    let answered = false;
    void read.then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    await tx;
    expect((await read).rows).toEqual([{ n: 3 }]);
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

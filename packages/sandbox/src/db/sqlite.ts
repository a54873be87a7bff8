// The store on an embedded SQLite database (a file, or memory), through Kysely on better-sqlite3.
// The queries are in queries.ts (shared with the PostgreSQL store); this file opens the database,
// migrates it and runs transactions.
//
// Why Kysely: one typed query builder for both databases this store runs on. The compiled statements
// run on our own connections (sqlite-connection.ts): transactions run one after another on one
// connection, those of one turn of the event loop under one commit, and `read` never sees
// uncommitted writes (on a file it reads the last commit on a second connection), which is what the
// rules need (see store.ts).
// One process serves a file, so a running idempotency key of another process was abandoned.
//
// Durability: WAL with synchronous=NORMAL on a file: a commit is in the WAL before it returns, so a
// killed process loses nothing it acknowledged (a power cut may lose the last commits). The WAL is
// copied into the database file by a worker thread (checkpointer.ts), not inside a request's commit.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { BACKSTOP_PAGES, type Checkpointer, startCheckpointer } from './checkpointer.js';
import { dialects, migrate, SEQUENCE_STARTS, UnservableDatabaseError } from './migrations.js';
import { repositories, type Schema, type Spelling, TABLES } from './queries.js';
import { SqliteConnection } from './sqlite-connection.js';
import type { Store } from './store.js';

export { UnservableDatabaseError };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Compiles each SQL text once: better-sqlite3's `prepare` compiles on every call, and Kysely
 * prepares each query it runs; the statement for the same text is reused instead.
 */
function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((text: string) => {
    let statement = cache.get(text);
    if (!statement) {
      statement = compile(text);
      cache.set(text, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
}

/** Opens (and migrates) the database; a file it cannot serve is an UnservableDatabaseError. */
export async function openSqliteStore(file: string | undefined): Promise<Store> {
  const where = file ?? 'the in-memory database';
  let db: Database.Database;
  try {
    db = new Database(file ?? ':memory:');
  } catch (error) {
    throw new UnservableDatabaseError(`cannot open ${where}: ${message(error)}`);
  }
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: db }) });
  let reader: Database.Database | undefined;
  try {
    if (file) {
      db.pragma('journal_mode = WAL'); // readers never block the writer; survives a kill
      db.pragma('synchronous = NORMAL');
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`); // checkpoints run in a worker (checkpointer.ts)
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new UnservableDatabaseError(`${where} is damaged (SQLite quick_check: ${String(check)})`);
    await migrate(kysely, dialects.sqlite, where);
    cacheStatements(db);
    // Reads outside a transaction get a connection of their own on a file (WAL lets it read the last
    // commit while a transaction is open); it refuses writes, which go through the writer.
    if (file) {
      reader = new Database(file);
      reader.pragma('query_only = ON');
      reader.pragma('busy_timeout = 5000');
      cacheStatements(reader);
    }
  } catch (error) {
    reader?.close();
    await kysely.destroy();
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(`cannot use ${where}: ${message(error)}`);
  }
  const checkpointer: Checkpointer | undefined = file ? startCheckpointer(file) : undefined;
  const instance = randomUUID();
  const spelling = (locks: boolean): Spelling => ({
    dialect: dialects.sqlite,
    locks,
    alive: async (_q, owner) => owner === instance,
    lockKey: async () => {},
  });
  const connection = new SqliteConnection(db, reader);
  const read = repositories(kysely, connection.outside, spelling(false));
  return {
    where,
    instance,
    shared: false,
    read,
    transaction: (fn) => connection.transaction((tx) => fn(repositories(kysely, tx, spelling(false)))),
    // Through Kysely's own executor, which no one else uses once the store is open.
    wipe: () =>
      connection.exclusive(() =>
        kysely.transaction().execute(async (trx) => {
          for (const table of TABLES) await trx.deleteFrom(table).execute();
          for (const [name, seq] of Object.entries(SEQUENCE_STARTS)) await dialects.sqlite.setSequence(trx, name, seq);
          await sql`UPDATE sqlite_sequence SET seq = 0 WHERE name = 'outbox'`.execute(trx);
        }),
      ),
    close: async () => {
      await connection.idle(); // the transactions asked for so far end first
      await checkpointer?.stop();
      reader?.close();
      await kysely.destroy();
    },
  };
}

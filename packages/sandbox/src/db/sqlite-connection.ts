// The SQLite store's one connection, running the statements Kysely compiled (queries.ts) directly on
// better-sqlite3.
//
// Why our own and not Kysely's executor: for a statement SQLite answers in a few microseconds, the
// executor's machinery (connection provider, mutex, plugin and result passes, each a promise) cost
// about 10 µs more, and a durable write runs fifteen statements. What that executor guaranteed is
// kept here: a transaction holds the connection from BEGIN to COMMIT, and a statement outside a
// transaction waits until the one holding the connection ends, so no one reads uncommitted writes
// and transactions never interleave.
//
// Rows are read as arrays and made into objects by a function built once per statement from its
// columns: better-sqlite3 names each property of each row as it goes, which costs more than SQLite's
// own search for a row of the invoices table.
import type Database from 'better-sqlite3';
import type { CompiledQuery, QueryResult } from 'kysely';
import type { Runner } from './queries.js';

type RowOf = (values: unknown[]) => Record<string, unknown>;

/** `(values) => ({ col0: values[0], col1: values[1], ... })` for these column names. */
function rowBuilder(columns: string[]): RowOf {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  // The names are the statement's own columns (this store's schema), quoted as JSON strings.
  return new Function('values', `return { ${fields} };`) as RowOf;
}

export class SqliteConnection {
  readonly #db: Database.Database;
  readonly #rows = new WeakMap<Database.Statement, RowOf>();
  #held = false;
  #free: Promise<void> = Promise.resolve();
  #unlock: () => void = () => {};

  /** Statements outside any transaction: each runs once no transaction holds the connection. */
  readonly outside: Runner = {
    executeQuery: async <O>(query: CompiledQuery<O>) => {
      while (this.#held) await this.#free;
      return this.#run<O>(query);
    },
  };

  /** Statements of the transaction that holds the connection. */
  readonly #inside: Runner = {
    executeQuery: async <O>(query: CompiledQuery<O>) => this.#run<O>(query),
  };

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it (or the commit) fails. */
  async transaction<T>(fn: (tx: Runner) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.#db.prepare('BEGIN').run();
      try {
        const result = await fn(this.#inside);
        this.#db.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }

  /** Runs `fn` while no statement of this connection's runners can run (for work done another way). */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#held) await this.#free;
    this.#held = true;
    this.#free = new Promise((resolve) => {
      this.#unlock = resolve;
    });
    try {
      return await fn();
    } finally {
      this.#held = false;
      this.#unlock();
    }
  }

  // The same result Kysely's SQLite driver gives, so the queries read it alike on both databases.
  #run<O>({ sql, parameters }: CompiledQuery<O>): QueryResult<O> {
    const statement = this.#db.prepare(sql);
    if (statement.reader) {
      let row = this.#rows.get(statement);
      if (!row) {
        row = rowBuilder(statement.columns().map((column) => column.name));
        this.#rows.set(statement, row);
      }
      statement.raw(true);
      try {
        return { rows: (statement.all(parameters as unknown[]) as unknown[][]).map(row) as O[] };
      } finally {
        statement.raw(false);
      }
    }
    const { changes, lastInsertRowid } = statement.run(parameters as unknown[]);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

// The SQLite store's connections, running the statements Kysely compiled (queries.ts) directly on
// better-sqlite3.
//
// Why our own and not Kysely's executor: for a statement SQLite answers in a few microseconds, the
// executor's machinery (connection provider, mutex, plugin and result passes, each a promise) cost
// about 10 µs more, and a durable write runs fifteen statements. What that executor guaranteed is
// kept: transactions never interleave, and no one reads uncommitted writes.
//
// Group commit: the transactions asked for in one turn of the event loop run one after another in
// one SQLite transaction, each inside a savepoint of its own (a failed one is rolled back alone), and
// one COMMIT makes them durable together; none is answered before that COMMIT. A commit's cost is
// writing the pages it changed to the WAL, and the writes of one turn share most of their pages
// (the same table's last page, the same index leaves), so this costs little more than one commit.
//
// Reads outside a transaction: on a file they run on a second, read-only connection, which sees the
// last commit and never waits; in memory (one connection only) they wait until no transaction holds
// the connection. On the reader, the reads of one turn share one read transaction (a snapshot): a
// statement in a transaction of its own takes and drops SQLite's WAL locks and checks its page cache
// against the WAL every time, which cost more than the lookups of the reads before a write. The
// snapshot ends with the turn and whenever the writer commits, so a read never sees less than the
// last commit.
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

interface Job {
  fn: (tx: Runner) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { job: Job; ok: true; value: unknown } | { job: Job; ok: false; error: unknown };

/** At most this many transactions share one commit (bounds how long reads in memory wait). */
const MAX_BATCH = 64;

export class SqliteConnection {
  readonly #db: Database.Database;
  readonly #reader: Database.Database | undefined;
  readonly #rows = new WeakMap<Database.Statement, RowOf>();
  readonly #queue: Job[] = [];
  #draining: Promise<void> | undefined;
  #held = false;
  #free: Promise<void> = Promise.resolve();
  #unlock: () => void = () => {};

  /**
   * Statements outside any transaction. A read runs on the reader when there is one (it sees the
   * last commit); a write, or any statement without a reader, runs once no transaction holds the
   * connection.
   */
  readonly outside: Runner = {
    executeQuery: async <O>(query: CompiledQuery<O>) => {
      if (this.#reader) {
        const statement = this.#reader.prepare(query.sql);
        if (statement.readonly) {
          this.#snapshot();
          return this.#run<O>(statement, query.parameters);
        }
      }
      while (this.#held) await this.#free;
      try {
        return this.#run<O>(this.#db.prepare(query.sql), query.parameters);
      } finally {
        this.#endSnapshot();
      }
    },
  };

  /** Statements of the transaction that holds the connection. */
  readonly #inside: Runner = {
    executeQuery: async <O>(query: CompiledQuery<O>) => this.#run<O>(this.#db.prepare(query.sql), query.parameters),
  };

  /** Opens the turn's snapshot on the reader, unless one is open. */
  #snapshot(): void {
    const reader = this.#reader as Database.Database;
    if (reader.inTransaction) return;
    reader.prepare('BEGIN').run();
    setImmediate(() => this.#endSnapshot());
  }

  #endSnapshot(): void {
    if (this.#reader?.open && this.#reader.inTransaction) this.#reader.prepare('COMMIT').run();
  }

  /** `reader`: a second connection to the same file, for reads outside a transaction (none in memory). */
  constructor(db: Database.Database, reader?: Database.Database) {
    this.#db = db;
    this.#reader = reader;
  }

  /**
   * Runs `fn` in a transaction of its own: its writes are kept when it resolves and rolled back when
   * it rejects; either way it settles once the commit it shares with the turn's other transactions is
   * durable (rejected with the commit's error if that fails).
   */
  transaction<T>(fn: (tx: Runner) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      // After this turn's I/O callbacks, so the transactions they ask for share the commit.
      this.#draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#drain());
    });
  }

  /** Resolves once every transaction asked for so far has settled and nothing holds the connection. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
    await this.exclusive(async () => {});
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
      this.#endSnapshot(); // what fn committed is seen by the next read
      this.#held = false;
      this.#unlock();
    }
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const outcomes = await this.exclusive(() => this.#batch());
        for (const outcome of outcomes)
          if (outcome.ok) outcome.job.resolve(outcome.value);
          else outcome.job.reject(outcome.error);
      }
    } finally {
      this.#draining = undefined;
    }
  }

  /**
   * Runs queued transactions under one BEGIN and COMMIT; what each of them gets once it is over. It
   * never throws: when SQLite refuses the batch itself (BEGIN, a savepoint, COMMIT), every transaction
   * of the batch gets that error.
   */
  async #batch(): Promise<Outcome[]> {
    const db = this.#db;
    const outcomes: Outcome[] = [];
    let current: Job | undefined;
    // A read transaction still open at COMMIT would keep a WAL that the worker wholly copied from
    // starting over.
    this.#endSnapshot();
    try {
      db.prepare('BEGIN').run();
      while (this.#queue.length > 0 && outcomes.length < MAX_BATCH) {
        current = this.#queue.shift() as Job;
        db.prepare('SAVEPOINT tx').run();
        let value: unknown;
        try {
          value = await current.fn(this.#inside);
        } catch (error) {
          // Some errors (a full disk, an I/O error) end SQLite's whole transaction: the batch is lost.
          if (!db.inTransaction) throw error;
          db.prepare('ROLLBACK TO tx').run();
          db.prepare('RELEASE tx').run();
          outcomes.push({ job: current, ok: false, error });
          current = undefined;
          continue;
        }
        db.prepare('RELEASE tx').run();
        outcomes.push({ job: current, ok: true, value });
        current = undefined;
      }
      db.prepare('COMMIT').run();
      return outcomes;
    } catch (error) {
      try {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
      } catch {
        // Closed or broken: nothing of the batch was committed either way.
      }
      // A failed transaction of the batch may have failed on what a lost one wrote: all get the error.
      const jobs = outcomes.map((outcome) => outcome.job);
      if (current) jobs.push(current);
      if (jobs.length === 0) jobs.push(...this.#queue.splice(0, MAX_BATCH));
      return jobs.map((job): Outcome => ({ job, ok: false, error }));
    }
  }

  // The same result Kysely's SQLite driver gives, so the queries read it alike on both databases.
  #run<O>(statement: Database.Statement, parameters: readonly unknown[]): QueryResult<O> {
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

// Opens the embedded SQLite database (better-sqlite3: synchronous, so a whole business rule runs in
// one transaction with no interleaving) in memory or in a file, and migrates it.
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/**
 * Compiles each SQL text once: `db.prepare(sql)` returns the cached statement for the same text.
 * The rules call `prepare` inline (readable next to the rule); without the cache every request
 * would re-compile its SQL, which costs more than running it.
 */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** A database this sandbox cannot serve, with the reason in one line (said at start-up, never as a 500). */
export class UnservableDatabaseError extends Error {
  override name = 'UnservableDatabaseError';
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function openDatabase(file: string | undefined): Db {
  const where = file ?? 'the in-memory database';
  let db: Db;
  try {
    db = new Database(file ?? ':memory:');
  } catch (error) {
    throw new UnservableDatabaseError(`cannot open ${where}: ${reason(error)}`);
  }
  try {
    cacheStatements(db);
    if (file) {
      db.pragma('journal_mode = WAL'); // readers never block the writer; survives a kill
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new UnservableDatabaseError(`${where} is damaged (SQLite quick_check: ${String(check)})`);
    migrate(db, where);
  } catch (error) {
    db.close();
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(`cannot use ${where}: ${reason(error)}`);
  }
  return db;
}

export function migrate(db: Db, where = 'the database'): number[] {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const known = Math.max(...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new UnservableDatabaseError(
      `${where} was written by a newer sandbox (schema version ${newest}; this one knows up to ${known})`,
    );
  }
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}

/** Deletes every row (not the schema) and restarts the id sequences: `/sandbox/reset`. */
export function wipe(db: Db): void {
  db.transaction(() => {
    for (const table of [
      'outbox',
      'idempotency_keys',
      'ledger',
      'payments',
      'payment_links',
      'invoice_lines',
      'invoices',
      'cards',
      'api_keys',
      'accounts',
      'counters',
      'meta',
    ]) {
      db.prepare(`DELETE FROM ${table}`).run();
    }
    db.prepare(
      `UPDATE sqlite_sequence SET seq = CASE name WHEN 'invoices' THEN 46000 WHEN 'invoice_lines' THEN 91000 WHEN 'cards' THEN 3300 WHEN 'ledger' THEN 8700 ELSE 0 END`,
    ).run();
  })();
}

/**
 * Moves the v1 id sequences and the invoice-number counters past ids that are about to be stored
 * as given (the demo data's, from the spec's examples), so generated ids never meet them.
 */
export function resumeSequencesAfter(
  db: Db,
  taken: { invoices: number[]; invoice_lines: number[]; cards: number[]; invoiceNumbers: string[] },
): void {
  for (const table of ['invoices', 'invoice_lines', 'cards'] as const) {
    const max = Math.max(0, ...taken[table]);
    db.prepare('UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?').run(max, table);
  }
  for (const number of taken.invoiceNumbers) {
    const m = /^(\d{4})(\d{5})$/.exec(number);
    if (!m) continue;
    db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = MAX(value, excluded.value)',
    ).run(`invoice_number_${m[1]}`, Number(m[2]));
  }
}

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

export function openDatabase(file: string | undefined): Db {
  const db = new Database(file ?? ':memory:');
  cacheStatements(db);
  if (file) {
    db.pragma('journal_mode = WAL'); // readers never block the writer; survives a kill
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): number[] {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
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

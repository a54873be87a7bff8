// Numbered schema migrations, one set for both databases: each is written with Kysely's schema
// builder, which renders it for SQLite or PostgreSQL, and the few things the two spell differently
// (an auto-increment key, where a sequence starts, a 64-bit integer) are in `Dialect` below. Each
// migration runs once, in order, inside a transaction, and is recorded in `schema_migrations`; a
// database written by an older sandbox is migrated forward in place. Money columns are integer minor
// units; CHECK constraints are the last line of defence for the rules that must never break (credit
// never negative).
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Runner } from './queries.js';

export type DialectName = 'sqlite' | 'postgres';

/** Migrations build the schema, so they run on an untyped database (and on the typed one's transactions). */
// biome-ignore lint/suspicious/noExplicitAny: the tables are what these functions create
export type AnyDb = Kysely<any>;

/** A database this sandbox cannot serve, with the reason in one line (said at start-up, never as a 500). */
export class UnservableDatabaseError extends Error {
  override name = 'UnservableDatabaseError';
}

/** Where the v1 number sequences start (the spec's examples are in these ranges). */
export const SEQUENCE_STARTS = { invoices: 46000, invoice_lines: 91000, cards: 3300, ledger: 8700 } as const;

/** The spellings that differ between the two databases. */
export interface Dialect {
  name: DialectName;
  /** An integer column wide enough for money and counters: SQLite's INTEGER is 64-bit, PostgreSQL's is not. */
  int: 'integer' | 'bigint';
  /** An auto-numbered primary key (`legacy_id`, the outbox id). */
  serial(table: CreateTableBuilder<string, never>, column: string): CreateTableBuilder<string, never>;
  /** PostgreSQL has no rowid: tables that list rows in insertion order get a column for it. */
  rowOrder(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, never>;
  /**
   * Moves a table's auto-numbering so the next number is `value + 1` (never backwards when `onlyUp`),
   * compiled by `db`, run on `on` (a store's connection; `db` itself when left out).
   */
  setSequence(db: AnyDb, table: string, value: number, onlyUp?: boolean, on?: Runner): Promise<void>;
}

export const dialects: Record<DialectName, Dialect> = {
  sqlite: {
    name: 'sqlite',
    int: 'integer',
    serial: (table, column) => table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()),
    rowOrder: (table) => table, // SQLite's own rowid
    async setSequence(db, table, value, onlyUp = false, on = db) {
      const next = onlyUp ? sql`MAX(seq, ${value})` : sql`${value}`;
      const updated = await on.executeQuery(
        sql`UPDATE sqlite_sequence SET seq = ${next} WHERE name = ${table}`.compile(db),
      );
      if (!updated.numAffectedRows)
        await on.executeQuery(sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${value})`.compile(db));
    },
  },
  postgres: {
    name: 'postgres',
    int: 'bigint',
    serial: (table, column) => table.addColumn(column, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
    rowOrder: (table) => table.addColumn('row_order', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity()),
    async setSequence(db, table, value, onlyUp = false, on = db) {
      const run = (query: RawBuilder<unknown>) => on.executeQuery(query.compile(db));
      // Identity columns own a sequence named after the table and column (names from this file only).
      const sequence = sql.raw(`${table}_${table === 'outbox' ? 'id' : 'legacy_id'}_seq`);
      if (value === 0) await run(sql`SELECT setval('${sequence}', 1, false)`);
      else if (onlyUp)
        await run(sql`SELECT setval('${sequence}', GREATEST(${value}::bigint, last_value)) FROM ${sequence}`);
      else await run(sql`SELECT setval('${sequence}', ${value}::bigint)`);
    },
  },
};

export interface Migration {
  version: number;
  name: string;
  up(db: AnyDb, d: Dialect): Promise<void>;
}

const oneOf = (column: string, values: string[]) =>
  sql`${sql.ref(column)} IN (${sql.join(values.map((v) => sql.lit(v)))})`;
const atLeast = (column: string, min: number) => sql`${sql.ref(column)} >= ${sql.lit(min)}`;
const cascade = (target: string) => (c: ColumnDefinitionBuilder) => c.notNull().references(target).onDelete('cascade');

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, keys, cards, invoices, lines',
    async up(db, d) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull().check(oneOf('type', ['business', 'personal'])))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('credit_minor', d.int, (c) => c.notNull().defaultTo(0).check(atLeast('credit_minor', 0)))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('org_number', 'text')
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await d
        .rowOrder(
          db.schema
            .createTable('api_keys')
            .addColumn('key', 'text', (c) => c.primaryKey())
            .addColumn('account_id', 'text', cascade('accounts.id'))
            .addColumn('scopes', 'text', (c) => c.notNull())
            .addColumn('label', 'text', (c) => c.notNull())
            .addColumn('created_at', 'text', (c) => c.notNull()),
        )
        .execute();
      await d
        .serial(db.schema.createTable('cards'), 'legacy_id')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', cascade('accounts.id'))
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('exp_month', d.int, (c) => c.notNull())
        .addColumn('exp_year', d.int, (c) => c.notNull())
        .addColumn('cardholder_name', 'text')
        .addColumn('is_primary', d.int, (c) => c.notNull().defaultTo(0))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await d
        .serial(db.schema.createTable('invoices'), 'legacy_id')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', cascade('accounts.id'))
        .addColumn('number', 'text', (c) => c.unique())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['standard', 'add_funds', 'credit'])))
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .check(
              oneOf('status', ['draft', 'unpaid', 'payment_pending', 'paid', 'cancelled', 'refunded', 'collections']),
            ),
        )
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_minor', d.int, (c) => c.notNull())
        .addColumn('tax_minor', d.int, (c) => c.notNull())
        .addColumn('total_minor', d.int, (c) => c.notNull())
        .addColumn('credit_applied_minor', d.int, (c) =>
          c.notNull().defaultTo(0).check(atLeast('credit_applied_minor', 0)),
        )
        .addColumn('amount_paid_minor', d.int, (c) => c.notNull().defaultTo(0).check(atLeast('amount_paid_minor', 0)))
        .addColumn('credited_minor', d.int, (c) => c.notNull().defaultTo(0).check(atLeast('credited_minor', 0)))
        .addColumn('issued_at', 'text')
        .addColumn('due_at', 'text')
        .addColumn('paid_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('original_invoice_id', 'text', (c) => c.references('invoices.id'))
        .addColumn('credit_note', 'text')
        .addColumn('details_source', 'text')
        .addColumn('delivery_date', 'text')
        .addColumn('details_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invoices_by_account').on('invoices').columns(['account_id', 'legacy_id']).execute();
      await db.schema.createIndex('invoices_by_original').on('invoices').column('original_invoice_id').execute();
      await d
        .serial(db.schema.createTable('invoice_lines'), 'legacy_id')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('invoice_id', 'text', cascade('invoices.id'))
        .addColumn('position', d.int, (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', d.int, (c) => c.notNull().check(atLeast('quantity', 1)))
        .addColumn('unit_amount_minor', d.int, (c) => c.notNull())
        .addColumn('amount_minor', d.int, (c) => c.notNull())
        .addColumn('tax_rate_bp', d.int, (c) => c.notNull())
        .addColumn('tax_minor', d.int, (c) => c.notNull())
        .addColumn('credits_line_id', 'text', (c) => c.references('invoice_lines.id'))
        .execute();
      await db.schema.createIndex('lines_by_invoice').on('invoice_lines').columns(['invoice_id', 'position']).execute();
      await db.schema.createIndex('lines_by_credited').on('invoice_lines').column('credits_line_id').execute();
      // v1 ids look like a long-lived system's: start the sequences where the spec's examples are.
      await d.setSequence(db, 'invoices', SEQUENCE_STARTS.invoices);
      await d.setSequence(db, 'invoice_lines', SEQUENCE_STARTS.invoice_lines);
      await d.setSequence(db, 'cards', SEQUENCE_STARTS.cards);
    },
  },
  {
    version: 2,
    name: 'payments, links, ledger, idempotency, outbox, counters',
    async up(db, d) {
      await d
        .rowOrder(
          db.schema
            .createTable('payment_links')
            .addColumn('uuid', 'text', (c) => c.primaryKey())
            .addColumn('invoice_id', 'text', cascade('invoices.id'))
            .addColumn('created_at', 'text', (c) => c.notNull())
            .addColumn('expires_at', 'text', (c) => c.notNull())
            .addColumn('view_count', d.int, (c) => c.notNull().defaultTo(0))
            .addColumn('last_viewed_at', 'text'),
        )
        .execute();
      await db.schema
        .createIndex('links_by_invoice')
        .on('payment_links')
        .columns(['invoice_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('invoice_id', 'text', cascade('invoices.id'))
        .addColumn('account_id', 'text', cascade('accounts.id'))
        .addColumn('method', 'text', (c) => c.notNull().check(oneOf('method', ['card', 'paymentLink'])))
        .addColumn('card_id', 'text')
        .addColumn('link_uuid', 'text')
        .addColumn('session_id', 'text', (c) => c.unique())
        .addColumn('payment_method', 'text')
        .addColumn('amount_minor', d.int, (c) => c.notNull().check(atLeast('amount_minor', 0)))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['processing', 'succeeded'])))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('settles_at', 'text', (c) => c.notNull())
        .addColumn('settled_at', 'text')
        .execute();
      await db.schema.createIndex('payments_due').on('payments').columns(['status', 'settles_at']).execute();
      await d
        .serial(db.schema.createTable('ledger'), 'legacy_id')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', cascade('accounts.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['transaction', 'credit'])))
        .addColumn('method', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_minor', d.int, (c) => c.notNull())
        .addColumn('invoice_id', 'text', (c) => c.references('invoices.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ledger_by_account')
        .on('ledger')
        .columns(['account_id', 'kind', 'legacy_id'])
        .execute();
      await d.setSequence(db, 'ledger', SEQUENCE_STARTS.ledger);
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('operation_id', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(oneOf('state', ['running', 'done'])))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('status', d.int)
        .addColumn('content_type', 'text')
        .addColumn('body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
        .execute();
      await d
        .serial(db.schema.createTable('outbox'), 'id')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('invoice_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', d.int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    version: 3,
    name: 'idempotency keys know the process that ran them',
    // A running key whose process is gone was abandoned (its effect never committed): run it again.
    async up(db) {
      await db.schema
        .alterTable('idempotency_keys')
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
  {
    version: 4,
    name: 'rate-limit buckets shared by the sandboxes on one database',
    // Only sandboxes sharing a server use it (one process keeps its buckets in memory). Unlogged on
    // PostgreSQL: a bucket is not worth a WAL write per request, and a server crash may refill them.
    async up(db, d) {
      const table = db.schema.createTable('rate_buckets');
      await (d.name === 'postgres' ? table.modifyFront(sql`unlogged`) : table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tokens', 'double precision', (c) => c.notNull())
        .addColumn('at', d.int, (c) => c.notNull())
        .addColumn('allowed', d.int, (c) => c.notNull())
        .execute();
    },
  },
];

/**
 * Brings the database to the newest schema. Sandboxes starting together on one PostgreSQL server call
 * this under an advisory lock (postgres.ts), so one of them migrates and the others find it done.
 */
export async function migrate(db: AnyDb, d: Dialect, where: string): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', d.int, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const rows = await db.selectFrom('schema_migrations').select('version').execute();
  const applied = new Set(rows.map((r) => Number(r.version)));
  const known = Math.max(...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new UnservableDatabaseError(
      `${where} was written by a newer sandbox (schema version ${newest}; this one knows up to ${known})`,
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, d);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
    });
  }
}

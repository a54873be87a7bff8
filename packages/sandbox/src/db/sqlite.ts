// The store on an embedded SQLite database (a file, or memory), through Kysely on better-sqlite3.
//
// Why Kysely: one typed query builder for both databases this store is meant to run on. Its SQLite
// dialect drives better-sqlite3 here; its PostgreSQL dialect (on `pg`) can run the same queries for
// a shared, multi-instance sandbox, so a second store is mostly this file with row locks. Queries
// are checked against the table types below at compile time. Its SQLite driver keeps one connection
// behind a mutex: a transaction holds it from BEGIN to COMMIT, so transactions never interleave
// and `read` never sees uncommitted writes, which is what the rules need (see store.ts).
//
// Speed: building and compiling a Kysely query costs more than SQLite takes to run it, so each query
// is built once per shape, with placeholder arguments, and its SQL kept (`run` below); a request
// then only binds its values to a statement better-sqlite3 has already prepared.
//
// Durability: WAL with synchronous=NORMAL on a file: a commit is in the WAL before it returns, so a
// killed process loses nothing it acknowledged (a power cut may lose the last commits). The WAL is
// copied into the database file by a worker thread (checkpointer.ts), not inside a request's commit.
import Database from 'better-sqlite3';
import {
  type Compilable,
  CompiledQuery,
  type Generated,
  Kysely,
  type Selectable,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import { BACKSTOP_PAGES, type Checkpointer, startCheckpointer } from './checkpointer.js';
import { migrations } from './migrations.js';
import type {
  AccountRow,
  CardRow,
  EmailRow,
  IdempotencyRow,
  InvoiceRow,
  KeyRow,
  LedgerRow,
  LineRow,
  LinkRow,
  PaymentRow,
} from './rows.js';
import type { InvoiceFilter, Store, Tx } from './store.js';

type Sequenced<Row extends { legacy_id: number }> = Omit<Row, 'legacy_id'> & { legacy_id: Generated<number> };

interface Schema {
  accounts: AccountRow;
  api_keys: KeyRow;
  cards: Sequenced<CardRow>;
  invoices: Sequenced<InvoiceRow>;
  invoice_lines: Sequenced<LineRow>;
  payment_links: LinkRow;
  payments: PaymentRow;
  ledger: Sequenced<LedgerRow>;
  idempotency_keys: IdempotencyRow;
  outbox: Omit<EmailRow, 'id'> & { id: Generated<number> };
  counters: { name: string; value: number };
  meta: { key: string; value: string };
}

type Q = Kysely<Schema> | Transaction<Schema>;

/** A database this sandbox cannot serve, with the reason in one line (said at start-up, never as a 500). */
export class UnservableDatabaseError extends Error {
  override name = 'UnservableDatabaseError';
}

/** Where the v1 number sequences start (the spec's examples are in these ranges). */
const SEQUENCE_STARTS = { invoices: 46000, invoice_lines: 91000, cards: 3300, ledger: 8700 } as const;

const TABLES = [
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
] as const;

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

function migrate(db: Database.Database, where: string): void {
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
  }
}

/** Opens (and migrates) the database; a file it cannot serve is an UnservableDatabaseError. */
export function openSqliteStore(file: string | undefined): Store {
  const where = file ?? 'the in-memory database';
  let db: Database.Database;
  try {
    db = new Database(file ?? ':memory:');
  } catch (error) {
    throw new UnservableDatabaseError(`cannot open ${where}: ${message(error)}`);
  }
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
    migrate(db, where);
    cacheStatements(db);
  } catch (error) {
    db.close();
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(`cannot use ${where}: ${message(error)}`);
  }
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: db }) });
  const checkpointer: Checkpointer | undefined = file ? startCheckpointer(file) : undefined;
  const read = repositories(kysely, kysely);
  return {
    where,
    read,
    transaction: (fn) => kysely.transaction().execute((trx) => fn(repositories(kysely, trx))),
    wipe: () =>
      kysely.transaction().execute(async (trx) => {
        for (const table of TABLES) await trx.deleteFrom(table).execute();
        for (const [name, seq] of Object.entries(SEQUENCE_STARTS))
          await sql`UPDATE sqlite_sequence SET seq = ${seq} WHERE name = ${name}`.execute(trx);
        await sql`UPDATE sqlite_sequence SET seq = 0 WHERE name = 'outbox'`.execute(trx);
      }),
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/** A query's SQL, and where each of its parameters comes from (an argument, or a constant of the query). */
interface Template {
  sql: string;
  slots: Array<number | { constant: unknown }>;
}

const templates = new Map<string, Template>();
const SENTINEL = /^\uE000arg(\d+)\uE000$/;

/**
 * Runs the query `build` makes from `args`, compiled once per `shape`: the first call builds it from
 * placeholder arguments and keeps the SQL and the position of each argument among its parameters.
 * `shape` must name everything that changes the SQL (the columns of an insert, say), not the values.
 */
async function run<O, const A extends readonly unknown[]>(
  q: Q,
  shape: string,
  args: A,
  build: (a: A) => Compilable<O>,
): Promise<O[]> {
  let template = templates.get(shape);
  if (!template) {
    // The placeholders stand in for the arguments only while the SQL is compiled.
    const placeholders = args.map((_, i) => `\uE000arg${i}\uE000`) as unknown as A;
    const compiled = build(placeholders).compile();
    template = {
      sql: compiled.sql,
      slots: compiled.parameters.map((p) => {
        const m = typeof p === 'string' ? SENTINEL.exec(p) : null;
        return m ? Number(m[1]) : { constant: p };
      }),
    };
    templates.set(shape, template);
  }
  const parameters = template.slots.map((slot) => (typeof slot === 'number' ? args[slot] : slot.constant));
  const result = await q.executeQuery<O>(CompiledQuery.raw(template.sql, parameters));
  return result.rows;
}

/** An insert's or update's values without the undefined ones (left to the database), and their shape. */
function defined<T extends object>(row: T): { values: T; columns: string } {
  const values = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
  return { values, columns: Object.keys(values).join(',') };
}

function repositories(k: Kysely<Schema>, q: Q): Tx {
  const first = async <O>(rows: Promise<O[]>) => (await rows)[0];
  const getAccount = (id: string) =>
    first(run(q, 'accounts.get', [id], ([a]) => k.selectFrom('accounts').selectAll().where('id', '=', a)));
  const invoiceQuery = (accountId: string, filter: InvoiceFilter) => {
    let query = k.selectFrom('invoices').where('account_id', '=', accountId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status as InvoiceRow['status']);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind as InvoiceRow['kind']);
    return query;
  };
  const filterShape = (filter: InvoiceFilter) => `${filter.status !== undefined}${filter.kind !== undefined}`;
  const filterArgs = (filter: InvoiceFilter) => [filter.status, filter.kind].filter((v) => v !== undefined);
  const insert = async <T extends keyof Schema>(table: T, row: object) => {
    const { values, columns } = defined(row);
    await run(q, `${table}.insert:${columns}`, Object.values(values), (a) => {
      const placeholders = Object.fromEntries(Object.keys(values).map((key, i) => [key, a[i]]));
      return k.insertInto(table).values(placeholders as never);
    });
  };
  return {
    accounts: {
      insert: (row) => insert('accounts', row),
      any: async () =>
        (await run(q, 'accounts.any', [], () => k.selectFrom('accounts').select('id').limit(1))).length > 0,
      get: getAccount,
      forUpdate: getAccount, // one writer at a time: nothing to lock
      addCredit: async (id, delta) => {
        await run(q, 'accounts.addCredit', [delta, id] as [number, string], ([d, a]) =>
          k
            .updateTable('accounts')
            .set((eb) => ({ credit_minor: eb('credit_minor', '+', d) }))
            .where('id', '=', a),
        );
      },
      remove: async (id) => {
        // Rows without a foreign key to the account first; the rest go with it (ON DELETE CASCADE).
        await run(q, 'accounts.remove.outbox', [id], ([a]) => k.deleteFrom('outbox').where('account_id', '=', a));
        await run(q, 'accounts.remove.idempotency', [id], ([a]) =>
          k.deleteFrom('idempotency_keys').where('account_id', '=', a),
        );
        await run(q, 'accounts.remove', [id], ([a]) => k.deleteFrom('accounts').where('id', '=', a));
      },
    },
    keys: {
      insert: (row) => insert('api_keys', row),
      account: async (key) => {
        const row = await first(
          run(q, 'keys.account', [key], ([a]) =>
            k
              .selectFrom('api_keys')
              .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
              .selectAll('accounts')
              .select('api_keys.scopes as key_scopes')
              .where('api_keys.key', '=', a),
          ),
        );
        if (!row) return undefined;
        const { key_scopes, ...account } = row;
        return { account, scopes: key_scopes };
      },
      all: () =>
        run(q, 'keys.all', [], () => k.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy(sql`rowid`)),
    },
    cards: {
      insert: async (row) => {
        const { values, columns } = defined(row);
        const rows = await run(q, `cards.insert:${columns}`, Object.values(values), (a) =>
          k
            .insertInto('cards')
            .values(Object.fromEntries(Object.keys(values).map((key, i) => [key, a[i]])) as never)
            .returningAll(),
        );
        return rows[0]!;
      },
      ofAccount: (accountId) =>
        run(q, 'cards.ofAccount', [accountId], ([a]) =>
          k
            .selectFrom('cards')
            .selectAll()
            .where('account_id', '=', a)
            .orderBy('is_primary', 'desc')
            .orderBy('legacy_id'),
        ) as Promise<Array<Selectable<Schema['cards']>>>,
    },
    invoices: {
      insert: async (row, lines) => {
        const { values, columns } = defined(row);
        const rows = await run(q, `invoices.insert:${columns}`, Object.values(values), (a) =>
          k
            .insertInto('invoices')
            .values(Object.fromEntries(Object.keys(values).map((key, i) => [key, a[i]])) as never)
            .returningAll(),
        );
        for (const line of lines) await insert('invoice_lines', line);
        return rows[0]!;
      },
      get: (id) =>
        first(run(q, 'invoices.get', [id], ([a]) => k.selectFrom('invoices').selectAll().where('id', '=', a))),
      ofAccount: (accountId, ref) =>
        'id' in ref
          ? first(
              run(q, 'invoices.ofAccount.id', [ref.id, accountId], ([a, b]) =>
                k.selectFrom('invoices').selectAll().where('id', '=', a).where('account_id', '=', b),
              ),
            )
          : first(
              run(q, 'invoices.ofAccount.legacy', [ref.legacyId, accountId], ([a, b]) =>
                k.selectFrom('invoices').selectAll().where('legacy_id', '=', a).where('account_id', '=', b),
              ),
            ),
      update: async (id, patch) => {
        const { values, columns } = defined(patch);
        await run(q, `invoices.update:${columns}`, [...Object.values(values), id], (a) =>
          k
            .updateTable('invoices')
            .set(Object.fromEntries(Object.keys(values).map((key, i) => [key, a[i]])) as never)
            .where('id', '=', a[Object.keys(values).length] as string),
        );
      },
      add: async (id, amounts) => {
        const { values, columns } = defined(amounts);
        const names = Object.keys(values) as Array<keyof typeof amounts>;
        await run(q, `invoices.add:${columns}`, [...Object.values(values), id], (a) =>
          k
            .updateTable('invoices')
            .set(
              (eb) => Object.fromEntries(names.map((column, i) => [column, eb(column, '+', a[i] as number)])) as never,
            )
            .where('id', '=', a[names.length] as string),
        );
      },
      creditsOf: (id) =>
        run(q, 'invoices.creditsOf', [id], ([a]) =>
          k.selectFrom('invoices').selectAll().where('original_invoice_id', '=', a).orderBy('legacy_id'),
        ),
      page: (accountId, filter, before, limit) =>
        run(q, `invoices.page:${filterShape(filter)}`, [accountId, ...filterArgs(filter), before, limit], (a) => {
          const n = filterArgs(filter).length;
          const f: InvoiceFilter = {
            ...(filter.status !== undefined ? { status: a[1] as string } : {}),
            ...(filter.kind !== undefined ? { kind: a[n] as string } : {}),
          };
          return invoiceQuery(a[0] as string, f)
            .selectAll()
            .where('legacy_id', '<', a[n + 1] as number)
            .orderBy('legacy_id', 'desc')
            .limit(a[n + 2] as number);
        }),
      numbered: async (accountId, filter, offset, limit) => {
        // v1 pages are rare and their filters vary: built each time.
        const count = await invoiceQuery(accountId, filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const rows = await invoiceQuery(accountId, filter)
          .selectAll()
          .orderBy('legacy_id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute();
        return { rows, total: Number(count.n) };
      },
      numberTaken: async (number) =>
        (
          await run(q, 'invoices.numberTaken', [number], ([a]) =>
            k.selectFrom('invoices').select('id').where('number', '=', a),
          )
        ).length > 0,
    },
    lines: {
      ofInvoice: (invoiceId) =>
        run(q, 'lines.ofInvoice', [invoiceId], ([a]) =>
          k.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', a).orderBy('position'),
        ),
      creditedOf: async (originalId) => {
        const rows = await run(q, 'lines.creditedOf', [originalId], ([a]) =>
          k
            .selectFrom('invoice_lines as l')
            .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
            .select(['l.credits_line_id as line_id', (eb) => eb.fn.sum<number>('l.amount_minor').as('credited')])
            .where('i.original_invoice_id', '=', a)
            .where('i.status', '=', 'paid')
            .where('l.credits_line_id', 'is not', null)
            .groupBy('l.credits_line_id'),
        );
        return new Map(rows.map((r) => [r.line_id!, -Number(r.credited)]));
      },
    },
    links: {
      insert: (row) => insert('payment_links', row),
      get: (uuid) =>
        first(run(q, 'links.get', [uuid], ([a]) => k.selectFrom('payment_links').selectAll().where('uuid', '=', a))),
      ofInvoice: (invoiceId) =>
        run(q, 'links.ofInvoice', [invoiceId], ([a]) =>
          k
            .selectFrom('payment_links')
            .selectAll()
            .where('invoice_id', '=', a)
            .orderBy('created_at')
            .orderBy(sql`rowid`),
        ),
      countView: async (uuid, at) => {
        await run(q, 'links.countView', [at, uuid], ([a, b]) =>
          k
            .updateTable('payment_links')
            .set((eb) => ({ view_count: eb('view_count', '+', 1), last_viewed_at: a }))
            .where('uuid', '=', b),
        );
      },
      expireAll: async (invoiceId, now) => {
        await run(q, 'links.expireAll', [now, invoiceId, now], ([a, b, c]) =>
          k.updateTable('payment_links').set({ expires_at: a }).where('invoice_id', '=', b).where('expires_at', '>', c),
        );
      },
    },
    payments: {
      insert: (row) => insert('payments', row),
      due: (now, accountId) =>
        accountId === undefined
          ? run(q, 'payments.due', [now], ([a]) =>
              k
                .selectFrom('payments')
                .selectAll()
                .where('status', '=', 'processing')
                .where('settles_at', '<=', a)
                .orderBy('settles_at'),
            )
          : run(q, 'payments.due.ofAccount', [now, accountId], ([a, b]) =>
              k
                .selectFrom('payments')
                .selectAll()
                .where('status', '=', 'processing')
                .where('settles_at', '<=', a)
                .where('account_id', '=', b)
                .orderBy('settles_at'),
            ),
      bySession: (sessionId) =>
        first(
          run(q, 'payments.bySession', [sessionId], ([a]) =>
            k.selectFrom('payments').selectAll().where('session_id', '=', a),
          ),
        ),
      succeed: async (id, at) => {
        const changed = await run(q, 'payments.succeed', [at, id], ([a, b]) =>
          k
            .updateTable('payments')
            .set({ status: 'succeeded', settled_at: a })
            .where('id', '=', b)
            .where('status', '=', 'processing')
            .returning('id'),
        );
        return changed.length === 1;
      },
    },
    ledger: {
      insert: (row) => insert('ledger', row),
      page: (accountId, kind, before, limit) =>
        run(q, 'ledger.page', [accountId, kind, before, limit], ([a, b, c, d]) =>
          k
            .selectFrom('ledger')
            .selectAll()
            .where('account_id', '=', a)
            .where('kind', '=', b)
            .where('legacy_id', '<', c)
            .orderBy('legacy_id', 'desc')
            .limit(d),
        ),
      numbered: async (accountId, kind, offset, limit) => {
        const base = k.selectFrom('ledger').where('account_id', '=', accountId).where('kind', '=', kind);
        const total = await q.executeQuery(base.select((eb) => eb.fn.countAll<number>().as('n')).compile());
        const rows = await q.executeQuery(
          base.selectAll().orderBy('legacy_id', 'desc').limit(limit).offset(offset).compile(),
        );
        return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
      },
    },
    outbox: {
      insert: (row) => insert('outbox', row),
      list: async (filter) => {
        let query = k.selectFrom('outbox').selectAll();
        if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
        if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
        return (await q.executeQuery(query.orderBy('id').compile())).rows;
      },
    },
    idempotency: {
      get: (accountId, key) =>
        first(
          run(q, 'idempotency.get', [accountId, key], ([a, b]) =>
            k.selectFrom('idempotency_keys').selectAll().where('account_id', '=', a).where('key', '=', b),
          ),
        ),
      start: async (row) => {
        const columns = Object.keys(row) as Array<keyof IdempotencyRow>;
        const updated = columns.filter((c) => c !== 'account_id' && c !== 'key');
        await run(q, `idempotency.start:${columns.join(',')}`, Object.values(row), (a) =>
          k
            .insertInto('idempotency_keys')
            .values(Object.fromEntries(columns.map((c, i) => [c, a[i]])) as never)
            .onConflict((oc) =>
              oc
                .columns(['account_id', 'key'])
                .doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)])) as never),
            ),
        );
      },
      finish: async (accountId, key, response) => {
        await run(
          q,
          'idempotency.finish',
          [response.status, response.content_type, response.body, accountId, key],
          ([a, b, c, d, e]) =>
            k
              .updateTable('idempotency_keys')
              .set({ state: 'done', status: a, content_type: b, body: c })
              .where('account_id', '=', d)
              .where('key', '=', e),
        );
      },
      drop: async (accountId, key) => {
        await run(q, 'idempotency.drop', [accountId, key], ([a, b]) =>
          k.deleteFrom('idempotency_keys').where('account_id', '=', a).where('key', '=', b),
        );
      },
    },
    counters: {
      next: async (name) => {
        const rows = await run(q, 'counters.next', [name], ([a]) =>
          k
            .insertInto('counters')
            .values({ name: a, value: 1 })
            .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
            .returning('value'),
        );
        return rows[0]!.value;
      },
      raise: async (name, value) => {
        await run(q, 'counters.raise', [name, value], ([a, b]) =>
          k
            .insertInto('counters')
            .values({ name: a, value: b })
            .onConflict((oc) =>
              oc.column('name').doUpdateSet({ value: sql<number>`MAX(counters.value, excluded.value)` }),
            ),
        );
      },
    },
    meta: {
      get: async (key) =>
        (await first(run(q, 'meta.get', [key], ([a]) => k.selectFrom('meta').select('value').where('key', '=', a))))
          ?.value,
      set: async (key, value) => {
        await run(q, 'meta.set', [key, value], ([a, b]) =>
          k
            .insertInto('meta')
            .values({ key: a, value: b })
            .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
        );
      },
    },
    sequences: {
      reserve: async (taken) => {
        const pairs: Array<[string, number]> = [
          ['invoices', taken.invoices],
          ['invoice_lines', taken.lines],
          ['cards', taken.cards],
        ];
        for (const [name, value] of pairs)
          await sql`UPDATE sqlite_sequence SET seq = MAX(seq, ${value}) WHERE name = ${name}`.execute(q);
      },
    },
  };
}

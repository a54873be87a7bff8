// Every query of the store, written once with Kysely's query builder and run on SQLite and on
// PostgreSQL alike. The two stores (sqlite.ts, postgres.ts) keep only what differs: connecting,
// transactions, and the few spellings in `Spelling` below (row locks, insertion order, the liveness of
// another sandbox process).
//
// Speed: building and compiling a Kysely query costs more than SQLite takes to run it, so each query
// is built once per shape, with placeholder arguments, and its SQL kept (`run` below); a request
// then only binds its values to a statement the driver has already prepared.
import {
  type Compilable,
  CompiledQuery,
  type Generated,
  type Kysely,
  type QueryResult,
  type Selectable,
  sql,
} from 'kysely';
import type { Dialect } from './migrations.js';
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
import type { InvoiceFilter, Tx } from './store.js';

type Sequenced<Row extends { legacy_id: number }> = Omit<Row, 'legacy_id'> & { legacy_id: Generated<number> };

export interface Schema {
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
  rate_buckets: { id: string; tokens: number; at: number; allowed: number };
  meta: { key: string; value: string };
}

/** Every table, children before parents (the order a wipe deletes in). */
export const TABLES = [
  'rate_buckets',
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

/** What a query runs on: Kysely (the database or one of its transactions), or a store's own connection. */
export interface Runner {
  executeQuery<O>(query: CompiledQuery<O>): Promise<QueryResult<O>>;
}

type Q = Runner;

/** How one store runs the shared queries. */
export interface Spelling {
  dialect: Dialect;
  /** Inside a transaction on a database with row locks: `forUpdate` reads lock what they read. */
  locks: boolean;
  /** Whether the sandbox process `owner` still runs (a running idempotency key of a gone one was abandoned). */
  alive(q: Q, owner: string): Promise<boolean>;
  /** Takes a lock on the idempotency key until the transaction ends (PostgreSQL), or nothing (SQLite). */
  lockKey(q: Q, accountId: string, key: string): Promise<void>;
}

/** A query's SQL, and where each of its parameters comes from (an argument, or a constant of the query). */
interface Template {
  /** The query without its parameters (made once: `CompiledQuery.raw` freezes a new one every call). */
  compiled: CompiledQuery;
  slots: Array<number | { constant: unknown }>;
}

/**
 * Compiled SQL per dialect, then per query shape: the shapes are mostly literals, whose hash V8 keeps,
 * where one `dialect:shape` key would be a new string to hash on every query.
 */
const templates = new Map<string, Map<string, Template>>();
const SENTINEL = /^\uE000arg(\d+)\uE000$/;

/**
 * Runs the query `build` makes from `args`, compiled once per `shape`: the first call builds it from
 * placeholder arguments and keeps the SQL and the position of each argument among its parameters.
 * `shape` must name everything that changes the SQL (the columns of an insert, say), not the values.
 */
async function runQuery<O, const A extends readonly unknown[]>(
  q: Q,
  dialect: string,
  shape: string,
  args: A,
  build: (a: A) => Compilable<O>,
): Promise<O[]> {
  let ofDialect = templates.get(dialect);
  if (!ofDialect) templates.set(dialect, (ofDialect = new Map()));
  let template = ofDialect.get(shape);
  if (!template) {
    // The placeholders stand in for the arguments only while the SQL is compiled.
    const placeholders = args.map((_, i) => `\uE000arg${i}\uE000`) as unknown as A;
    const compiled = build(placeholders).compile();
    template = {
      compiled: CompiledQuery.raw(compiled.sql, []),
      slots: compiled.parameters.map((p) => {
        const m = typeof p === 'string' ? SENTINEL.exec(p) : null;
        return m ? Number(m[1]) : { constant: p };
      }),
    };
    ofDialect.set(shape, template);
  }
  const parameters = template.slots.map((slot) => (typeof slot === 'number' ? args[slot] : slot.constant));
  const result = await q.executeQuery<O>({ ...template.compiled, parameters } as CompiledQuery<O>);
  return result.rows;
}

/** An insert's or update's values without the undefined ones (left to the database), and their shape. */
function defined<T extends object>(row: T): { values: T; columns: string } {
  const values: Record<string, unknown> = {};
  let columns = '';
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    values[column] = value;
    columns = columns === '' ? column : `${columns},${column}`;
  }
  return { values: values as T, columns };
}

/** The store's repositories on `q` (the database, or one transaction), in the given spelling. */
export function repositories(k: Kysely<Schema>, q: Q, s: Spelling): Tx {
  const run = <O, const A extends readonly unknown[]>(
    on: Q,
    shape: string,
    args: A,
    build: (a: A) => Compilable<O>,
  ): Promise<O[]> => runQuery(on, s.dialect.name, shape, args, build);
  /** SQLite's rowid; PostgreSQL has none, so those tables have a `row_order` column (migrations.ts). */
  const insertionOrder = s.dialect.name === 'sqlite' ? sql`rowid` : sql`row_order`;
  const first = async <O>(rows: Promise<O[]>) => (await rows)[0];
  const getAccount = (id: string) =>
    first(run(q, 'accounts.get', [id], ([a]) => k.selectFrom('accounts').selectAll().where('id', '=', a)));
  const lockAccount = (id: string) =>
    first(
      run(q, 'accounts.forUpdate', [id], ([a]) => k.selectFrom('accounts').selectAll().where('id', '=', a).forUpdate()),
    );
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
      forUpdate: s.locks ? lockAccount : getAccount, // SQLite: one writer at a time, nothing to lock
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
        run(q, 'keys.all', [], () =>
          k.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy(insertionOrder),
        ),
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
      ofAccount: (accountId, ref) => {
        const lock = s.locks ? ':lock' : '';
        const locked = <T extends { forUpdate(): T }>(query: T) => (s.locks ? query.forUpdate() : query);
        return 'id' in ref
          ? first(
              run(q, `invoices.ofAccount.id${lock}`, [ref.id, accountId], ([a, b]) =>
                locked(k.selectFrom('invoices').selectAll().where('id', '=', a).where('account_id', '=', b)),
              ),
            )
          : first(
              run(q, `invoices.ofAccount.legacy${lock}`, [ref.legacyId, accountId], ([a, b]) =>
                locked(k.selectFrom('invoices').selectAll().where('legacy_id', '=', a).where('account_id', '=', b)),
              ),
            );
      },
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
        const count = await q.executeQuery(
          invoiceQuery(accountId, filter)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .compile(),
        );
        const rows = await q.executeQuery(
          invoiceQuery(accountId, filter)
            .selectAll()
            .orderBy('legacy_id', 'desc')
            .limit(limit)
            .offset(offset)
            .compile(),
        );
        return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
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
            .orderBy(insertionOrder),
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
      // In a transaction on PostgreSQL the due rows are locked, and rows another instance is settling
      // right now are skipped: each payment is settled by whichever instance claims it first.
      // Asked on every request: the query is built only when its shape is first compiled.
      due: (now, accountId) => {
        const locked = <T extends { forUpdate(): { skipLocked(): T } }>(query: T) =>
          s.locks ? query.forUpdate().skipLocked() : query;
        const base = () => k.selectFrom('payments').selectAll().where('status', '=', 'processing');
        return accountId === undefined
          ? run(q, s.locks ? 'payments.due:lock' : 'payments.due', [now], ([a]) =>
              locked(base().where('settles_at', '<=', a).orderBy('settles_at')),
            )
          : run(q, s.locks ? 'payments.due.ofAccount:lock' : 'payments.due.ofAccount', [now, accountId], ([a, b]) =>
              locked(base().where('settles_at', '<=', a).where('account_id', '=', b).orderBy('settles_at')),
            );
      },
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
      get: async (accountId, key) => {
        await s.lockKey(q, accountId, key);
        return first(
          run(q, 'idempotency.get', [accountId, key], ([a, b]) =>
            k.selectFrom('idempotency_keys').selectAll().where('account_id', '=', a).where('key', '=', b),
          ),
        );
      },
      alive: (owner) => s.alive(q, owner),
      put: async (row) => {
        const columns = Object.keys(row) as Array<keyof IdempotencyRow>;
        const updated = columns.filter((c) => c !== 'account_id' && c !== 'key');
        await run(q, `idempotency.put:${columns.join(',')}`, Object.values(row), (a) =>
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
              oc.column('name').doUpdateSet({
                value:
                  s.dialect.name === 'sqlite'
                    ? sql<number>`MAX(counters.value, excluded.value)`
                    : sql<number>`GREATEST(counters.value, excluded.value)`,
              }),
            ),
        );
      },
    },
    rateLimits: {
      take: async (id, nowMs, limit, windowMs) => {
        const [least, greatest] = s.dialect.name === 'sqlite' ? ['min', 'max'] : ['least', 'greatest'];
        const rows = await run(q, 'rateLimits.take', [id, limit, nowMs, limit / windowMs], ([a, b, c, d]) => {
          const real = (v: unknown) => sql`CAST(${v} AS double precision)`;
          const int = (v: unknown) => sql`CAST(${v} AS bigint)`;
          // The bucket refilled evenly since it was last used, at most full; one token taken if there is one.
          const refilled = sql`${sql.raw(least)}(${real(b)}, rate_buckets.tokens + ${sql.raw(greatest)}(0, ${int(c)} - rate_buckets.at) * ${real(d)})`;
          return k
            .insertInto('rate_buckets')
            .values({ id: a, tokens: sql`${real(b)} - 1`, at: sql`${int(c)}`, allowed: 1 })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet({
                tokens: sql`CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END`,
                allowed: sql`CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END`,
                at: sql`${int(c)}`, // as the in-memory buckets do: a clock behind the last use refills nothing, and restarts from there
              }),
            )
            .returning(['tokens', 'allowed']);
        });
        return { tokens: Number(rows[0]!.tokens), allowed: Number(rows[0]!.allowed) === 1 };
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
        for (const [name, value] of pairs) await s.dialect.setSequence(k, name, value, true, q);
      },
    },
  };
}

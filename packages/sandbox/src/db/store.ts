// The store: everything the domain keeps, behind one small asynchronous interface, so the rules
// never see SQL and a second implementation (PostgreSQL, many sandbox processes on one database)
// can be added beside the SQLite one without touching them. Every method returns a Promise.
//
// The contract an implementation keeps:
// - `transaction(fn)` runs `fn` with a `Tx` whose writes commit together when `fn` resolves, or not
//   at all when it rejects (a rule broken halfway leaves nothing behind). Transactions never
//   interleave their reads and writes: a rule's read-check-write sees no other transaction's
//   changes in between (SQLite: one transaction at a time; PostgreSQL: row locks taken by the
//   reads documented "for update" below, and a transaction that meets a deadlock or a serialization
//   failure is run again, so `fn` may run more than once and must do nothing outside `tx`).
// - A commit is durable before `transaction` resolves (a killed process loses nothing acknowledged).
// - `read` answers queries outside any transaction; it never sees uncommitted writes. Inside
//   `transaction(fn)`, `fn` uses only its `tx` (the store may hold its one connection for it).
// - Ids and v1 numbers a caller passes are stored as given; `legacy_id` is assigned when omitted.
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

/** A row to insert: its `legacy_id` may be left to the store. */
export type New<Row extends { legacy_id: number }> = Omit<Row, 'legacy_id'> & { legacy_id?: number | undefined };

/** Money columns of an invoice that rules move by a signed amount. */
export type InvoiceAmount = 'credit_applied_minor' | 'amount_paid_minor' | 'credited_minor';

export interface InvoiceFilter {
  status?: string | undefined;
  kind?: string | undefined;
}

export interface Tx {
  accounts: {
    insert(row: AccountRow): Promise<void>;
    /** Whether any account exists (an empty database gets the demo data). */
    any(): Promise<boolean>;
    get(id: string): Promise<AccountRow | undefined>;
    /** The account row, read for update: on a database with row locks no other transaction changes it until this one ends. */
    forUpdate(id: string): Promise<AccountRow | undefined>;
    /** Moves the credit balance by a signed amount; never below zero (the store refuses it). */
    addCredit(id: string, deltaMinor: number): Promise<void>;
    /** Deletes the account and every row that belongs to it (keys, cards, invoices, links, payments, ledger, emails, idempotency keys). */
    remove(id: string): Promise<void>;
  };
  keys: {
    insert(row: KeyRow): Promise<void>;
    /** The account of an API key, with the key's scopes. */
    account(key: string): Promise<{ account: AccountRow; scopes: string } | undefined>;
    /** Every key, oldest first (printed at start-up). */
    all(): Promise<KeyRow[]>;
  };
  cards: {
    insert(row: New<CardRow>): Promise<CardRow>;
    /** The account's cards, primary first, then oldest first. */
    ofAccount(accountId: string): Promise<CardRow[]>;
  };
  invoices: {
    insert(row: New<InvoiceRow>, lines: Array<New<LineRow>>): Promise<InvoiceRow>;
    get(id: string): Promise<InvoiceRow | undefined>;
    /** The account's invoice by v2 id or v1 number, read for update (see accounts.forUpdate). */
    ofAccount(accountId: string, ref: { id: string } | { legacyId: number }): Promise<InvoiceRow | undefined>;
    update(id: string, patch: Partial<Omit<InvoiceRow, 'id' | 'legacy_id'>>): Promise<void>;
    /** Moves money columns by signed amounts. */
    add(id: string, amounts: Partial<Record<InvoiceAmount, number>>): Promise<void>;
    /** Credit invoices of an invoice (drafts included), oldest first. */
    creditsOf(id: string): Promise<InvoiceRow[]>;
    /** Newest first, `legacy_id` below `before`, at most `limit` rows. */
    page(accountId: string, filter: InvoiceFilter, before: number, limit: number): Promise<InvoiceRow[]>;
    /** Newest first, `limit` rows from `offset`, and how many there are in all. */
    numbered(
      accountId: string,
      filter: InvoiceFilter,
      offset: number,
      limit: number,
    ): Promise<{ rows: InvoiceRow[]; total: number }>;
    numberTaken(number: string): Promise<boolean>;
  };
  lines: {
    ofInvoice(invoiceId: string): Promise<LineRow[]>;
    /** Per line of an original invoice: the amount (before tax, positive) its issued credit invoices credit. */
    creditedOf(originalId: string): Promise<Map<string, number>>;
  };
  links: {
    insert(row: LinkRow): Promise<void>;
    get(uuid: string): Promise<LinkRow | undefined>;
    /** The invoice's links, oldest first. */
    ofInvoice(invoiceId: string): Promise<LinkRow[]>;
    countView(uuid: string, at: string): Promise<void>;
    /** Ends every link of the invoice still active at `now`. */
    expireAll(invoiceId: string, now: string): Promise<void>;
  };
  payments: {
    insert(row: PaymentRow): Promise<void>;
    /**
     * Processing payments whose time has come, oldest first; of one account when `accountId` is
     * given. In a transaction they are read for update, leaving out those another transaction is
     * settling right now (it settles them).
     */
    due(now: string, accountId?: string): Promise<PaymentRow[]>;
    bySession(sessionId: string): Promise<PaymentRow | undefined>;
    /** Marks a processing payment succeeded; false when it was not processing any more (settled by someone else). */
    succeed(id: string, at: string): Promise<boolean>;
  };
  ledger: {
    insert(row: New<LedgerRow>): Promise<void>;
    page(accountId: string, kind: LedgerRow['kind'], before: number, limit: number): Promise<LedgerRow[]>;
    numbered(
      accountId: string,
      kind: LedgerRow['kind'],
      offset: number,
      limit: number,
    ): Promise<{ rows: LedgerRow[]; total: number }>;
  };
  outbox: {
    insert(row: Omit<EmailRow, 'id'>): Promise<void>;
    list(filter: { accountId?: string | null; invoiceId?: string | null }): Promise<EmailRow[]>;
  };
  idempotency: {
    /** The key's row; in a transaction no other transaction reads or stores the key until this one ends. */
    get(accountId: string, key: string): Promise<IdempotencyRow | undefined>;
    /** Whether the sandbox process `owner` (a Store's `instance`) is still running. */
    alive(owner: string): Promise<boolean>;
    /** Stores the key's row, running or done (replacing an expired or abandoned one). */
    put(row: IdempotencyRow): Promise<void>;
    finish(
      accountId: string,
      key: string,
      response: { status: number; content_type: string; body: string },
    ): Promise<void>;
    drop(accountId: string, key: string): Promise<void>;
  };
  counters: {
    /** Adds one and returns the new value (a missing counter starts at 0). */
    next(name: string): Promise<number>;
    /** Raises a counter to at least `value`. */
    raise(name: string, value: number): Promise<void>;
  };
  rateLimits: {
    /**
     * Takes a token from the bucket `id` (`limit` tokens, refilled evenly over `windowMs`; a new one
     * is full) at `nowMs`, in one statement: sandboxes sharing the database share the bucket.
     */
    take(id: string, nowMs: number, limit: number, windowMs: number): Promise<{ tokens: number; allowed: boolean }>;
  };
  meta: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
  };
  sequences: {
    /** Moves the v1 number sequences past numbers about to be stored as given (the demo's). */
    reserve(taken: { invoices: number; lines: number; cards: number }): Promise<void>;
  };
}

export interface Store {
  /** Where the data lives, for messages: a file path, "the in-memory database", or a server. */
  readonly where: string;
  /** This process among those sharing the database (the owner of the idempotency keys it runs). */
  readonly instance: string;
  /** Whether other sandbox processes may use the same database (PostgreSQL), so shared state lives in it. */
  readonly shared: boolean;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  readonly read: Tx;
  /** Deletes every row (not the schema) and restarts the v1 number sequences: `/sandbox/reset`. */
  wipe(): Promise<void>;
  /** Waits for running transactions, then closes the database. */
  close(): Promise<void>;
}

// Numbered schema migrations. Each runs once, in order, inside a transaction, and is recorded in
// `schema_migrations`; a file database opened by a newer sandbox is migrated forward in place.
// Money columns are INTEGER minor units; CHECK constraints are the last line of defence for the
// rules that must never break (credit never negative).

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, keys, cards, invoices, lines',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('business', 'personal')),
        currency TEXT NOT NULL,
        credit_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        country TEXT NOT NULL,
        org_number TEXT,
        address TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE api_keys (
        key TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        scopes TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE cards (
        legacy_id INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        brand TEXT NOT NULL,
        last4 TEXT NOT NULL,
        exp_month INTEGER NOT NULL,
        exp_year INTEGER NOT NULL,
        cardholder_name TEXT,
        is_primary INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
      );
      CREATE TABLE invoices (
        legacy_id INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        number TEXT UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('standard', 'add_funds', 'credit')),
        status TEXT NOT NULL CHECK (status IN ('draft', 'unpaid', 'payment_pending', 'paid', 'cancelled', 'refunded', 'collections')),
        currency TEXT NOT NULL,
        subtotal_minor INTEGER NOT NULL,
        tax_minor INTEGER NOT NULL,
        total_minor INTEGER NOT NULL,
        credit_applied_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_applied_minor >= 0),
        amount_paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_minor >= 0),
        credited_minor INTEGER NOT NULL DEFAULT 0 CHECK (credited_minor >= 0),
        issued_at TEXT,
        due_at TEXT,
        paid_at TEXT,
        created_at TEXT NOT NULL,
        original_invoice_id TEXT REFERENCES invoices(id),
        credit_note TEXT,
        details_source TEXT,
        delivery_date TEXT,
        details_json TEXT NOT NULL
      );
      CREATE INDEX invoices_by_account ON invoices(account_id, legacy_id);
      CREATE INDEX invoices_by_original ON invoices(original_invoice_id);
      CREATE TABLE invoice_lines (
        legacy_id INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 1),
        unit_amount_minor INTEGER NOT NULL,
        amount_minor INTEGER NOT NULL,
        tax_rate_bp INTEGER NOT NULL,
        tax_minor INTEGER NOT NULL,
        credits_line_id TEXT REFERENCES invoice_lines(id)
      );
      CREATE INDEX lines_by_invoice ON invoice_lines(invoice_id, position);
      CREATE INDEX lines_by_credited ON invoice_lines(credits_line_id);
      -- v1 ids look like a long-lived system's: start the sequences where the spec's examples are.
      INSERT INTO sqlite_sequence (name, seq) VALUES ('invoices', 46000), ('invoice_lines', 91000), ('cards', 3300);
    `,
  },
  {
    version: 2,
    name: 'payments, links, ledger, idempotency, outbox, counters',
    sql: `
      CREATE TABLE payment_links (
        uuid TEXT PRIMARY KEY,
        invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        view_count INTEGER NOT NULL DEFAULT 0,
        last_viewed_at TEXT
      );
      CREATE INDEX links_by_invoice ON payment_links(invoice_id, created_at);
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        method TEXT NOT NULL CHECK (method IN ('card', 'paymentLink')),
        card_id TEXT,
        link_uuid TEXT,
        session_id TEXT UNIQUE,
        payment_method TEXT,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        status TEXT NOT NULL CHECK (status IN ('processing', 'succeeded')),
        created_at TEXT NOT NULL,
        settles_at TEXT NOT NULL,
        settled_at TEXT
      );
      CREATE INDEX payments_due ON payments(status, settles_at);
      CREATE TABLE ledger (
        legacy_id INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('transaction', 'credit')),
        method TEXT,
        description TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        invoice_id TEXT REFERENCES invoices(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ledger_by_account ON ledger(account_id, kind, legacy_id);
      INSERT INTO sqlite_sequence (name, seq) VALUES ('ledger', 8700);
      CREATE TABLE idempotency_keys (
        account_id TEXT NOT NULL,
        key TEXT NOT NULL,
        operation_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'done')),
        request_id TEXT NOT NULL,
        status INTEGER,
        content_type TEXT,
        body TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
      );
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        template TEXT NOT NULL,
        invoice_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'idempotency keys know the process that ran them',
    // A running key whose process is gone was abandoned (its effect never committed): run it again.
    sql: `ALTER TABLE idempotency_keys ADD COLUMN owner TEXT NOT NULL DEFAULT '';`,
  },
];

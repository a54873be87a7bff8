// Row shapes of the tables, as the store returns them (money in integer minor units, ids as stored).

export type AccountType = 'business' | 'personal';
export type InvoiceKind = 'standard' | 'add_funds' | 'credit';
export type InvoiceStatus = 'draft' | 'unpaid' | 'payment_pending' | 'paid' | 'cancelled' | 'refunded' | 'collections';

export interface AccountRow {
  id: string;
  type: AccountType;
  currency: string;
  credit_minor: number;
  name: string;
  email: string;
  country: string;
  org_number: string | null;
  address: string;
  created_at: string;
}

export interface InvoiceRow {
  legacy_id: number;
  id: string;
  account_id: string;
  number: string | null;
  kind: InvoiceKind;
  status: InvoiceStatus;
  currency: string;
  subtotal_minor: number;
  tax_minor: number;
  total_minor: number;
  credit_applied_minor: number;
  amount_paid_minor: number;
  credited_minor: number;
  issued_at: string | null;
  due_at: string | null;
  paid_at: string | null;
  created_at: string;
  original_invoice_id: string | null;
  credit_note: string | null;
  details_source: 'current' | 'original' | null;
  delivery_date: string | null;
  details_json: string;
}

export interface LineRow {
  legacy_id: number;
  id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_amount_minor: number;
  amount_minor: number;
  tax_rate_bp: number;
  tax_minor: number;
  credits_line_id: string | null;
}

export interface CardRow {
  legacy_id: number;
  id: string;
  account_id: string;
  brand: 'visa' | 'mastercard' | 'amex' | 'other';
  last4: string;
  exp_month: number;
  exp_year: number;
  cardholder_name: string | null;
  is_primary: number;
  added_at: string;
}

export interface LinkRow {
  uuid: string;
  invoice_id: string;
  created_at: string;
  expires_at: string;
  view_count: number;
  last_viewed_at: string | null;
}

export interface LedgerRow {
  legacy_id: number;
  id: string;
  account_id: string;
  kind: 'transaction' | 'credit';
  method: 'card' | 'accountCredit' | 'paymentLink' | 'creditInvoice' | 'addFunds' | null;
  description: string;
  amount_minor: number;
  invoice_id: string | null;
  created_at: string;
}

/** Seller and buyer as printed on an invoice (snapshot at creation, for `detailsSource: original`). */
export interface PartyDetails {
  seller: { name: string; orgNumber: string; address: string; vatNumber: string };
  buyer: { name: string; orgNumber: string | null; address: string; email: string };
}

export interface KeyRow {
  key: string;
  account_id: string;
  scopes: string;
  label: string;
  created_at: string;
}

export interface PaymentRow {
  id: string;
  invoice_id: string;
  account_id: string;
  method: 'card' | 'paymentLink';
  card_id: string | null;
  link_uuid: string | null;
  session_id: string | null;
  payment_method: string | null;
  amount_minor: number;
  status: 'processing' | 'succeeded';
  created_at: string;
  settles_at: string;
  settled_at: string | null;
}

export interface IdempotencyRow {
  account_id: string;
  key: string;
  operation_id: string;
  fingerprint: string;
  state: 'running' | 'done';
  /** The sandbox process that ran it (a row of a process that is gone was abandoned). */
  owner: string;
  request_id: string;
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

export interface EmailRow {
  id: number;
  account_id: string;
  recipient: string;
  subject: string;
  template: string;
  invoice_id: string | null;
  created_at: string;
}

// The demo account as the spec's examples show it, read from the bundled spec at start-up, so that
// every id a cURL sample or a try-it form carries (invoice ids and their v1 numbers, line ids, the
// card, the account, the payment links) exists in a fresh sandbox. Which example plays which part is
// written here (the unpaid invoice of `getInvoice`, the held credit invoice of `createCreditInvoice`,
// ...); every value (ids, numbers, lines, amounts, names, dates) is read from the example itself.
// Examples show different moments (before and after an action), so each resource takes the state
// of the example that shows it at rest; ids that only appear in events (ledger entries, a checkout
// session) are not demo data.
import {
  deref,
  findOperation,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  responseFor,
} from '@billing-api/openapi-model';

type Json = Record<string, unknown>;

export interface ExampleLine {
  id: string;
  legacyId: number | undefined;
  description: string;
  quantity: number;
  unitAmount: number;
  taxRate: number;
}

export interface ExampleInvoice {
  id: string;
  legacyId: number;
  number: string | null;
  kind: 'standard' | 'add_funds' | 'credit';
  status: string;
  lines: ExampleLine[];
  creditApplied: number;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
}

export interface ExampleCard {
  id: string;
  legacyId: number | undefined;
  brand: 'visa' | 'mastercard' | 'amex' | 'other';
  last4: string;
  expMonth: number;
  expYear: number;
  cardholderName: string | null;
  primary: boolean;
  addedAt: string;
}

export interface ExampleLink {
  uuid: string;
  createdAt: string;
  expiresAt: string;
  viewCount: number;
  lastViewedAt: string | null;
}

export interface ExampleCredit {
  /** The credit invoice, as held (draft). */
  invoice: ExampleInvoice;
  /** The invoice it credits. */
  originalInvoiceId: string;
  /** The request that created it (`lines` by original line id, amounts in major units). */
  request: { note?: string; lines?: Array<{ lineId: string; amount: number }>; detailsSource?: string; hold?: boolean };
}

export interface DemoExamples {
  /** The moment the examples were taken (the v1 envelopes' `timestamp`): dates are moved to "now" from it. */
  takenAt: string;
  account: {
    id: string;
    type: 'business' | 'personal';
    name: string;
    email: string;
    country: string;
    currency: string;
  };
  card: ExampleCard;
  unpaid: ExampleInvoice;
  paid: ExampleInvoice;
  cancelled: ExampleInvoice;
  heldCredit: ExampleCredit;
  /** Links of the unpaid invoice: the active one and those that expired before it. */
  links: { active: ExampleLink; previous: ExampleLink[] };
}

export class ExampleMissingError extends Error {
  override name = 'ExampleMissingError';
}

function responseExample(document: OpenApiDocument, entries: OperationEntry[], operationId: string, name: string) {
  const entry = findOperation(entries, operationId);
  const success = entry?.responses.find((r) => /^2\d\d$/.test(r.status));
  const status = success ? Number(success.status) : 200;
  const response = entry ? responseFor(entry, status)?.response : undefined;
  for (const media of Object.values(response?.content ?? {})) {
    const example = media.examples?.[name];
    if (example) return deref(document, example).value as Json;
  }
  throw new ExampleMissingError(
    `the spec has no example "${name}" in the ${status} response of ${operationId} (the demo data is built from it)`,
  );
}

function requestExample(document: OpenApiDocument, entries: OperationEntry[], operationId: string, name: string) {
  const body = findOperation(entries, operationId)?.requestBody?.body;
  for (const media of Object.values(body?.content ?? {})) {
    const example = media.examples?.[name];
    if (example) return deref(document, example).value as Json;
  }
  throw new ExampleMissingError(`the spec has no request example "${name}" of ${operationId} (the demo data uses it)`);
}

const v1Data = (value: Json) => value.data as Json;

function invoiceOf(value: Json, v1Items?: Json[]): ExampleInvoice {
  const lines = (value.lines as Json[]).map(
    (line, i): ExampleLine => ({
      id: String(line.id),
      legacyId: v1Items?.[i] ? Number(v1Items[i]!.id) : undefined,
      description: String(line.description),
      quantity: Number(line.quantity),
      unitAmount: Number(line.unitAmount),
      taxRate: Number(line.taxRate),
    }),
  );
  return {
    id: String(value.id),
    legacyId: Number(value.legacyId),
    number: (value.number as string | null) ?? null,
    kind: value.kind as ExampleInvoice['kind'],
    status: String(value.status),
    lines,
    creditApplied: Number(value.creditApplied ?? 0),
    issuedAt: (value.issuedAt as string | null) ?? null,
    dueAt: (value.dueAt as string | null) ?? null,
    paidAt: (value.paidAt as string | null) ?? null,
  };
}

export function demoExamples(document: OpenApiDocument): DemoExamples {
  const entries = listOperations(document);
  const get = (operationId: string, name: string) => responseExample(document, entries, operationId, name);

  const v1Invoice = v1Data(get('getInvoiceV1', 'unpaid')).invoice as Json;
  const takenAt = String(get('getInvoiceV1', 'unpaid').timestamp);
  const unpaidValue = get('getInvoice', 'unpaid');
  if (String(v1Invoice.publicId) !== String(unpaidValue.id))
    throw new ExampleMissingError('the unpaid invoice of getInvoiceV1 is not the unpaid invoice of getInvoice');

  const balance = get('getCreditBalance', 'business');
  const summary = v1Data(get('getAccountSummaryV1', 'business'));
  const card = (get('listCards', 'oneCard').data as Json[])[0]!;
  const cardV1 = (v1Data(get('listCardsV1', 'oneCard')).cards as Json[]).find((c) => c.last4 === card.last4);

  const state = get('getPaymentLinkState', 'active');
  const created = v1Data(get('createPaymentLinkV1', 'reused'));
  const active: ExampleLink = {
    uuid: String(state.linkId),
    createdAt: created.uuid === state.linkId ? String(created.created) : takenAt,
    expiresAt: String(state.expiresAt),
    viewCount: Number(state.viewCount),
    lastViewedAt: (state.lastViewedAt as string | null) ?? null,
  };
  const previous = (state.previousLinks as Json[]).map(
    (l): ExampleLink => ({
      uuid: String(l.linkId),
      createdAt: String(l.createdAt),
      expiresAt: String(l.expiresAt),
      viewCount: Number(l.viewCount),
      lastViewedAt: null,
    }),
  );

  const held = get('createCreditInvoice', 'held');
  return {
    takenAt,
    account: {
      id: String(balance.accountId),
      type: balance.accountType as 'business' | 'personal',
      name: String(summary.name),
      email: String(summary.email),
      country: String(summary.country),
      currency: String(balance.currencyCode),
    },
    card: {
      id: String(card.id),
      legacyId: cardV1 ? Number(cardV1.id) : undefined,
      brand: card.brand as ExampleCard['brand'],
      last4: String(card.last4),
      expMonth: Number(card.expMonth),
      expYear: Number(card.expYear),
      cardholderName: (card.cardholderName as string | null) ?? null,
      primary: card.isPrimary === true,
      addedAt: String(card.addedAt),
    },
    unpaid: invoiceOf(unpaidValue, v1Invoice.items as Json[]),
    paid: invoiceOf(get('getInvoice', 'paid')),
    cancelled: invoiceOf(get('cancelInvoice', 'cancelled')),
    heldCredit: {
      invoice: invoiceOf(held),
      originalInvoiceId: String((held.credit as Json).originalInvoiceId),
      request: requestExample(document, entries, 'createCreditInvoice', 'chosenLines') as ExampleCredit['request'],
    },
    links: { active, previous },
  };
}

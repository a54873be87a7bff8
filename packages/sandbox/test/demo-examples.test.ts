// The demo data holds every id the spec's examples use, so a sample copied from the docs works
// against a fresh sandbox. The ids are collected from the whole bundled spec (every `example` and
// `examples` value, parameters and schemas included), by what they name; each is then fetched from
// a seeded sandbox through the API, as a reader of the docs would.
import { openapi } from '@billing-api/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox, V2 } from './helpers.js';

type Json = Record<string, unknown>;

interface ExampleIds {
  invoices: Map<string, string | undefined>; // v2 id -> its legacyId, where an example pairs them
  v1Invoices: Set<string>;
  lines: Set<string>;
  v1Lines: Set<string>;
  cards: Set<string>;
  v1Cards: Set<string>;
  accounts: Set<string>;
  activeLinks: Set<string>;
  expiredLinks: Set<string>;
  /** Ids of events, not of resources a request can fetch: ledger entries, payments, sessions, requests. */
  events: Set<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIXED = /^([a-z]+)_[0-9a-z]{26}$/;

/** Every id in the spec's examples, sorted by what it names. */
function exampleIds(): ExampleIds {
  const ids: ExampleIds = {
    invoices: new Map(),
    v1Invoices: new Set(),
    lines: new Set(),
    v1Lines: new Set(),
    cards: new Set(),
    v1Cards: new Set(),
    accounts: new Set(),
    activeLinks: new Set(),
    expiredLinks: new Set(),
    events: new Set(),
  };
  const unclassified: string[] = [];
  const visit = (value: unknown, key: string, parent: Json | undefined, path: string[], inExample: boolean) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, key, parent, [...path, String(i)], inExample);
      return;
    }
    if (value !== null && typeof value === 'object') {
      const object = value as Json;
      for (const [k, v] of Object.entries(object))
        visit(v, k, object, [...path, k], inExample || k === 'example' || k === 'examples');
      return;
    }
    if (!inExample || (typeof value !== 'string' && typeof value !== 'number')) return;
    const text = String(value);
    const prefixed = PREFIXED.exec(text)?.[1];
    if (prefixed) {
      if (prefixed === 'inv') {
        const legacy = key === 'id' && parent?.legacyId !== undefined ? String(parent.legacyId) : undefined;
        ids.invoices.set(text, legacy ?? ids.invoices.get(text));
      } else if (prefixed === 'line') ids.lines.add(text);
      else if (prefixed === 'card') ids.cards.add(text);
      else if (prefixed === 'acct') ids.accounts.add(text);
      else if (prefixed === 'txn' || prefixed === 'req') ids.events.add(text);
      else unclassified.push(`${path.join('/')}: ${text}`);
      return;
    }
    if (/^cs_[0-9a-f]{32}$/.test(text)) {
      ids.events.add(text);
      return;
    }
    const uuid = key === 'paymentUrl' ? text.split('/').at(-1)! : text;
    if (UUID.test(uuid)) {
      const isLink = key === 'linkId' || key === 'uuid' || key === 'paymentUrl' || parent?.name === 'uuid';
      if (isLink) (path.includes('previousLinks') ? ids.expiredLinks : ids.activeLinks).add(uuid);
      else ids.events.add(uuid); // v1 request ids, idempotency keys
      return;
    }
    // `formatted_id` is v1's name for the invoice number, not an id.
    const idKey = (k: string) => k === 'id' || /Id$/.test(k) || (k.endsWith('_id') && k !== 'formatted_id');
    if (!/^\d+$/.test(text) || !idKey(key === 'example' ? String(parent?.name ?? '') : key)) return;
    // A numeric v1 id: which resource depends on where it stands.
    if (key === 'example')
      ids.v1Invoices.add(text); // the v1 invoice id path parameter
    else if (key === 'legacyId' || key === 'invoice_id' || key === 'invoiceId') ids.v1Invoices.add(text);
    else if (parent?.publicId !== undefined || path.at(-2) === 'invoice') ids.v1Invoices.add(text);
    else if (path.includes('items')) ids.v1Lines.add(text);
    else if (parent?.cardtype !== undefined) ids.v1Cards.add(text);
    else if (path.includes('log'))
      ids.events.add(text); // credit-log entries
    else unclassified.push(`${path.join('/')}: ${text}`);
  };
  visit(openapi, '', undefined, [], false);
  expect(unclassified, 'ids in examples that this test does not know how to fetch').toEqual([]);
  return ids;
}

const ids = exampleIds();
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 7 });
});
afterAll(() => t.close());

describe('the demo data holds every id of the spec examples', () => {
  it('finds the ids the samples carry', () => {
    // Sanity of the collection itself: the path parameters' examples are among them.
    expect(ids.invoices.size).toBeGreaterThan(0);
    expect(ids.v1Invoices.size).toBeGreaterThan(0);
    expect(ids.activeLinks.size).toBeGreaterThan(0);
  });

  it('every v2 invoice id answers GET, with the legacyId its example gives', async () => {
    for (const [id, legacyId] of ids.invoices) {
      const res = await t.get(`${V2}/invoices/${id}`, t.keys.business);
      expect(res.status, id).toBe(200);
      if (legacyId !== undefined) expect(res.body.legacyId, id).toBe(legacyId);
    }
  });

  it('every v1 invoice id answers GET', async () => {
    for (const id of ids.v1Invoices) {
      const res = await t.get(`/api/billing/invoice/${id}`, t.keys.business);
      expect(res.status, id).toBe(200);
    }
  });

  it('every line id is a line of a demo invoice, in v2 and v1', async () => {
    const v2 = (await t.get(`${V2}/invoices?limit=100`, t.keys.business)).body.data;
    const v1 = (await t.get('/api/billing/invoices?limit=100', t.keys.business)).body.data.invoices;
    const lines = new Set(v2.flatMap((i: any) => i.lines.map((l: any) => l.id)));
    const items = new Set(v1.flatMap((i: any) => i.items.map((l: any) => l.id)));
    for (const id of ids.lines) expect(lines, id).toContain(id);
    for (const id of ids.v1Lines) expect(items, id).toContain(id);
  });

  it('every card id is a saved card, in v2 and v1', async () => {
    const v2 = (await t.get(`${V2}/cards`, t.keys.business)).body.data.map((c: any) => c.id);
    const v1 = (await t.get('/api/billing/cards', t.keys.business)).body.data.cards.map((c: any) => c.id);
    for (const id of ids.cards) expect(v2, id).toContain(id);
    for (const id of ids.v1Cards) expect(v1, id).toContain(id);
  });

  it('the account id is the demo business account', async () => {
    const credit = await t.get(`${V2}/credit`, t.keys.business);
    expect([...ids.accounts]).toEqual([credit.body.accountId]);
  });

  it('every payment link opens (active) or is gone (expired)', async () => {
    for (const uuid of ids.activeLinks)
      expect((await t.get(`/api/billing/payment-link/${uuid}`)).status, uuid).toBe(200);
    for (const uuid of ids.expiredLinks)
      expect((await t.get(`/api/billing/payment-link/${uuid}`)).status, uuid).toBe(410);
  });

  it('leaves event ids (ledger entries, payments, sessions, requests) to the events themselves', () => {
    for (const id of ids.events) expect(id).toMatch(/^(txn_|req_|cs_|\d+$|[0-9a-f]{8}-)/);
  });

  it('holds them without a seed too, and the same ones after a reset', async () => {
    const unseeded = await startTestSandbox();
    try {
      for (const id of ids.invoices.keys())
        expect((await unseeded.get(`${V2}/invoices/${id}`, unseeded.keys.business)).status, id).toBe(200);
    } finally {
      await unseeded.close();
    }
    await t.control('POST', '/sandbox/reset');
    for (const id of ids.invoices.keys())
      expect((await t.get(`${V2}/invoices/${id}`, t.keys.business)).status, id).toBe(200);
  });
});

/**
 * Every cURL sample runs, with the real curl, against a sandbox started by this test
 * (`startSandbox({ port: 0 })` on 127.0.0.1). The samples carry the spec's example ids and
 * `$BILLING_API_KEY`; each step below maps those example values to live sandbox ids (read from the
 * sandbox or captured from an earlier sample's answer) and expects the operation's documented
 * success status. The order makes the state right: e.g. a link is created before it is opened.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningSandbox, startSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSuccess } from '../src/spec/operations.js';
import { model } from './support/site.js';

const run = promisify(execFile);

/** The example value of a parameter, as the samples print it. */
function example(operationId: string, name: string): string {
  const request = model().samples.get(operationId)!.request;
  const param = [...request.pathParams, ...request.queryParams].find((p) => p.name === name);
  if (!param) throw new Error(`${operationId} has no parameter ${name}`);
  return String(param.value);
}

const V2_INVOICE = example('getInvoice', 'id');
const V1_INVOICE = example('getInvoiceV1', 'id');
const LINK_UUID = example('getPaymentLinkV1', 'uuid');

interface Invoice {
  id: string;
  legacyId: string;
  kind: string;
  status: string;
}

interface State {
  invoices: Invoice[];
  captured: Record<string, string>;
}

function invoice(state: State, where: Partial<Invoice>, nth = 0): Invoice {
  const found = state.invoices.filter((i) => Object.entries(where).every(([k, v]) => i[k as keyof Invoice] === v))[nth];
  if (!found) throw new Error(`the sandbox has no invoice like ${JSON.stringify(where)} (#${nth})`);
  return found;
}

const v2 = (pick: (s: State) => Invoice) => (s: State) => ({ [V2_INVOICE]: pick(s).id });
const v1 = (pick: (s: State) => Invoice) => (s: State) => ({ [V1_INVOICE]: pick(s).legacyId });
const unpaidA = (s: State) => invoice(s, { kind: 'standard', status: 'unpaid' }, 1); // the older one, which the held credit invoice credits
const unpaidB = (s: State) => invoice(s, { kind: 'standard', status: 'unpaid' }, 0);

/** Steps in run order: operation, example value -> live value, what to remember from the answer. */
const steps: Array<{
  op: string;
  ids?: (s: State) => Record<string, string>;
  capture?: (body: any, s: State) => void;
}> = [
  { op: 'listInvoices' },
  { op: 'getCreditBalance' },
  { op: 'listActivity' },
  { op: 'listCards' },
  { op: 'listInvoicesV1' },
  { op: 'listCardsV1' },
  { op: 'getAccountSummaryV1' },
  { op: 'listCreditLogV1' },
  { op: 'getInvoice', ids: v2(unpaidA) },
  { op: 'getInvoiceV1', ids: v1(unpaidA) },
  { op: 'getInvoicePdf', ids: v2((s) => invoice(s, { kind: 'standard', status: 'paid' })) },
  { op: 'resendInvoiceEmail', ids: v2((s) => invoice(s, { kind: 'standard', status: 'paid' })) },
  { op: 'getCreditNote', ids: v2((s) => invoice(s, { kind: 'standard', status: 'refunded' })) },
  { op: 'finalizeInvoice', ids: v2((s) => invoice(s, { kind: 'credit', status: 'draft' })) },
  { op: 'createCreditInvoice', ids: v2((s) => invoice(s, { kind: 'standard', status: 'paid' })) },
  { op: 'addFunds', capture: (body, s) => (s.captured.addFunds = body.invoice.id) },
  { op: 'addFundsV1', capture: (body, s) => (s.captured.addFundsV1 = String(body.data.invoiceId)) },
  { op: 'applyCreditToInvoice', ids: v2(unpaidA) },
  { op: 'applyCreditV1', ids: v1(unpaidA) },
  { op: 'generatePaymentLink', ids: v2(unpaidA) },
  { op: 'getPaymentLinkState', ids: v2(unpaidA) },
  { op: 'createPaymentLinkV1', ids: v1(unpaidA), capture: (body, s) => (s.captured.uuid = body.data.uuid) },
  { op: 'getPaymentLinkStateV1', ids: v1(unpaidA) },
  { op: 'getPaymentLinkV1', ids: (s) => ({ [LINK_UUID]: s.captured.uuid! }) },
  { op: 'payPaymentLinkV1', ids: (s) => ({ [LINK_UUID]: s.captured.uuid! }) },
  { op: 'payInvoice', ids: v2(unpaidB) },
  { op: 'cancelInvoice', ids: (s) => ({ [V2_INVOICE]: s.captured.addFunds! }) },
  { op: 'payInvoiceV1', ids: v1((s) => invoice(s, { kind: 'add_funds', status: 'unpaid' })) },
  { op: 'cancelInvoiceV1', ids: (s) => ({ [V1_INVOICE]: s.captured.addFundsV1! }) },
];

let sandbox: RunningSandbox;
let key: string;
let tmp: string;
const state: State = { invoices: [], captured: {} };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimit: false });
  key = sandbox.key('business read/write');
  tmp = mkdtempSync(join(tmpdir(), 'billing-docs-curl-'));
  const res = await fetch(`${sandbox.url}/api/v2/billing/invoices?limit=100`, {
    headers: { authorization: `Bearer ${key}` },
  });
  state.invoices = ((await res.json()) as { data: Invoice[] }).data;
});

afterAll(async () => {
  await sandbox?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Runs a published cURL sample with curl: the sandbox's URL and ids in, `$BILLING_API_KEY` from the environment. */
async function runCurl(curl: string, replacements: Record<string, string>): Promise<{ status: number; body: string }> {
  let command = curl.split(model().serverUrl).join(sandbox.url);
  for (const [from, to] of Object.entries(replacements)) command = command.split(from).join(to);
  const out = join(tmp, 'body');
  command = command.replace(/^curl /, `curl -sS -o '${out}' -w '%{http_code}' `);
  const { stdout } = await run('bash', ['-c', command], { env: { PATH: process.env.PATH, BILLING_API_KEY: key } });
  return { status: Number(stdout), body: readFileSync(out, 'utf8') };
}

describe('cURL samples against a running sandbox', () => {
  it('cover every operation exactly once', () => {
    expect(steps.map((s) => s.op).sort()).toEqual(
      model()
        .operations.map((o) => o.operationId)
        .sort(),
    );
  });

  for (const step of steps) {
    it(`${step.op}: answers its documented success status`, async () => {
      const op = model().operations.find((o) => o.operationId === step.op)!;
      const { curl } = model().samples.get(step.op)!;
      const replacements = step.ids?.(state) ?? {};
      for (const from of Object.keys(replacements)) expect(curl, `${step.op} sample contains ${from}`).toContain(from);
      const { status, body } = await runCurl(curl, replacements);
      const documented = op.responses.map((r) => r.status);
      const success = op.responses.filter((r) => isSuccess(r.status)).map((r) => Number(r.status));
      expect(documented, `${step.op}: ${status} is documented`).toContain(String(status));
      expect(success, `${step.op} answered ${status}: ${body.slice(0, 400)}`).toContain(status);
      const json = JSON.parse(body);
      step.capture?.(json, state);
    });
  }

  it('without the key the samples get the documented 401', async () => {
    const { curl } = model().samples.get('listInvoices')!;
    const saved = key;
    key = 'sk_test_not_a_key';
    try {
      const { status, body } = await runCurl(curl, {});
      expect(status).toBe(401);
      expect(JSON.parse(body).code).toBe('unauthorized');
    } finally {
      key = saved;
    }
  });
});

// Live conformance against a fresh sandbox: every operation and every documented status is reached
// and every response conforms; ids come from responses; the run works in accounts of its own and
// moves one of its own accounts' clocks once, just past a payment link's expiry, never the sandbox's
// default clock or the demo account's. Against a server that is
// not a sandbox (control endpoints unused) the statuses it cannot reach are listed with the reason,
// a conforming answer for another state of the data is `not reachable` rather than a failure, and
// lists are read once until the run changes something.

import { listOperations } from '@billing-api/openapi-model';
import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveReport, type Progress, runLive, UsageError } from '../src/index.js';
import { startLocalSandbox } from '../src/local-sandbox.js';
import { bundledSpec } from '../src/spec.js';
import { jsonResponse, startFaultProxy } from './helpers/fault-proxy.js';
import { readWriteKey, withSandbox } from './helpers/sandbox.js';
import { example } from './helpers/spec.js';

const LINK_TTL_DAYS = 30;
const operations = listOperations(bundledSpec);

let sandbox: RunningSandbox;
let report: LiveReport;
/** The demo account's data, the default clock's and the demo account's clock offsets, before and after the run. */
const demo: Array<{ invoices: string[]; credit: number }> = [];
const offsets: number[] = [];
const progress: Progress[] = [];

async function get(path: string, key?: string): Promise<any> {
  const response = await fetch(`${sandbox.url}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return response.json();
}

async function demoState() {
  const key = readWriteKey(sandbox);
  const list = await get('/api/v2/billing/invoices?limit=100', key);
  const credit = await get('/api/v2/billing/credit', key);
  return { invoices: list.data.map((i: { id: string }) => i.id).sort(), credit: credit.amount };
}

beforeAll(async () => {
  sandbox = await withSandbox({ linkTtlDays: LINK_TTL_DAYS });
  demo.push(await demoState());
  offsets.push(
    (await get('/sandbox/clock')).offsetMs,
    (await get('/sandbox/account/clock', readWriteKey(sandbox))).offsetMs,
  );
  // A key is given, as a user of a shared sandbox might: the run must not use it.
  report = await runLive({ baseUrl: sandbox.url, apiKey: readWriteKey(sandbox), onProgress: (p) => progress.push(p) });
  demo.push(await demoState());
  offsets.push(
    (await get('/sandbox/clock')).offsetMs,
    (await get('/sandbox/account/clock', readWriteKey(sandbox))).offsetMs,
  );
}, 300_000); // a whole run; bounded, so a hung server still ends the file
afterAll(async () => {
  await sandbox.close();
});

describe('a fresh sandbox', () => {
  it('is detected as a sandbox and conforms: no findings', () => {
    expect(report.sandbox).toBe(true);
    expect(report.findings).toEqual([]);
    expect(
      report.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.reason ?? r.outcome}`),
    ).toEqual([]);
  });

  it('exercises every operation and every documented status', () => {
    expect(report.matrix.totals).toMatchObject({
      operations: operations.length,
      operationsExercised: operations.length,
      failed: 0,
      notReachable: 0,
    });
    expect(report.matrix.totals.cells).toBe(report.matrix.totals.exercised);
    expect(report.matrix.undocumented).toEqual([]);
    const kinds = new Set(report.results.map((r) => r.kind));
    expect([...kinds].sort()).toEqual([
      'auth',
      'fault',
      'idempotency',
      'negative',
      'not-found',
      'rate-limit',
      'rule',
      'success',
      'too-large',
    ]);
  });

  it('validates every response it received', () => {
    expect(report.exchanges.length).toBeGreaterThan(report.results.length);
    for (const cell of report.matrix.operations.flatMap((o) => o.cells)) expect(cell.responses).toBeGreaterThan(0);
  });

  it('takes every real id from an earlier response (success and rule scenarios)', () => {
    const seen: string[] = [];
    const ID =
      /inv_[0-9a-hjkmnp-tv-z]{26}|card_[0-9a-hjkmnp-tv-z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const ids = (exchange: LiveReport['exchanges'][number]) =>
      [...`${exchange.request.path} ${JSON.stringify(exchange.request.body ?? '')}`.matchAll(ID)].map((m) => m[0]);
    const planned = new Set(report.results.filter((r) => r.kind === 'success' || r.kind === 'rule').map((r) => r.id));
    let checked = 0;
    for (const exchange of report.exchanges) {
      if (planned.has(exchange.scenario)) {
        for (const id of ids(exchange)) {
          expect(
            seen.some((text) => text.includes(id)),
            `${exchange.scenario}: ${id} was never in a response`,
          ).toBe(true);
          checked++;
        }
      }
      seen.push(exchange.response.text);
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('generates negative inputs from the schemas, and each got the documented 400 naming the input', () => {
    const negatives = report.results.filter((r) => r.kind === 'negative');
    expect(negatives.length).toBeGreaterThan(150);
    const constraints = new Set(negatives.map((r) => r.id.split(' ')[3]));
    expect([...constraints]).toEqual(
      expect.arrayContaining([
        'missing_required',
        'invalid_type',
        'out_of_range',
        'invalid_value',
        'invalid_format',
        'too_long',
        'too_short',
        'unknown_property',
      ]),
    );
    // Every secured operation that documents a 401 got one with no credential and with a wrong key.
    const passed = new Set(report.results.filter((r) => r.outcome === 'passed').map((r) => r.id));
    const secured = operations.filter(
      (o) => o.security.some((r) => Object.keys(r).length > 0) && o.responses.some((r) => r.status === '401'),
    );
    expect(secured.length).toBeGreaterThan(0);
    for (const o of secured)
      expect([`${o.id} 401 no credentials`, `${o.id} 401 wrong key`].filter((id) => !passed.has(id))).toEqual([]);
  });

  it('works in accounts of its own: the demo account whose key was given is untouched', () => {
    expect(demo[1]).toEqual(demo[0]);
    expect(progress.filter((p) => p.event === 'notice').map((p) => p.event === 'notice' && p.message)).toEqual([
      `${sandbox.url} is a sandbox: the run makes accounts of its own and does not use the key given (--no-sandbox checks with it)`,
    ]);
  });

  it("moves its own account's clock once, just past a payment link expiry, never the default or the demo's", () => {
    expect(offsets).toEqual([0, 0, 0, 0]);
    const moved = report.clockMovedMs;
    const ttl = LINK_TTL_DAYS * 86_400_000;
    expect(moved).toBeGreaterThan(ttl);
    expect(moved).toBeLessThanOrEqual(ttl + 2000);
  });

  it('reports progress operation by operation, kind by kind, ending with every scenario', () => {
    const steps = progress.filter((p) => p.event === 'operation');
    expect(progress[0]).toMatchObject({ event: 'notice' });
    expect(progress[1]).toMatchObject({ event: 'start', sandbox: true, scenarios: report.results.length });
    expect(steps.at(-1)).toMatchObject({ done: report.results.length, total: report.results.length });
    expect(steps.flatMap((s) => (s.event === 'operation' ? s.results : []))).toEqual(report.results);
    for (const step of steps)
      if (step.event === 'operation')
        expect(new Set(step.results.map((r) => `${r.kind} ${r.operation}`))).toEqual(
          new Set([`${step.kind} ${step.operation}`]),
        );
  });
});

/** A fresh account on the sandbox, made by the test (not the kit), so a black-box run sees only its data. */
async function account(setup: object): Promise<string> {
  const response = await fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: { app: ['read:billing', 'write:billing'] }, ...setup }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { keys: { app: string } }).keys.app;
}

describe('a server that is not a sandbox', () => {
  it('is checked with the given key; what needs control endpoints is listed as not reachable, with the reason', async () => {
    const generic = await runLive({
      baseUrl: sandbox.url,
      apiKey: readWriteKey(sandbox),
      sandbox: false,
      operations: ['getInvoice', 'payInvoice', 'getPaymentLinkV1'],
      kinds: ['success', 'rule', 'negative', 'auth', 'not-found', 'fault'],
    });
    expect(generic.sandbox).toBe(false);
    expect(generic.findings).toEqual([]);
    expect(generic.clockMovedMs).toBe(0);
    const state = (operation: string, status: number) =>
      generic.matrix.operations.find((o) => o.operation === operation)!.cells.find((c) => c.status === status)!;
    expect(state('getInvoice', 200).state).toBe('exercised');
    expect(state('getInvoice', 404).state).toBe('exercised'); // a never-issued id needs no control endpoint
    expect(state('getInvoice', 403).reasons).toEqual([
      'needs an API key without the read:billing scope; only a sandbox can create one',
    ]);
    expect(state('payInvoice', 402).reasons).toEqual([
      'needs a saved card that declines; only a sandbox has test cards',
    ]);
    expect(state('getPaymentLinkV1', 500).reasons).toEqual([
      'a server fault cannot be provoked from outside; only a sandbox can make a handler fail',
    ]);
    expect(state('getPaymentLinkV1', 410).reasons).toEqual([
      'needs the server clock moved past the link expiry; only a sandbox has a clock to move',
    ]);
  });

  it('takes a conforming answer for another state of the data as not reachable, never a failure', async () => {
    // A server that checks "is anything left to credit?" before "may this invoice be credited?":
    // both rules hold for a cancelled invoice, and the spec does not say which one answers.
    const nothingToCredit = example('ProblemNothingToCredit');
    const proxy = await startFaultProxy(sandbox.url, [
      {
        operation: 'createCreditInvoice',
        response: (r) =>
          r.status === 409
            ? jsonResponse({ ...r, status: 422 }, (body) => ({
                ...nothingToCredit,
                requestId: body.requestId,
                timestamp: body.timestamp,
              }))
            : r,
      },
    ]);
    try {
      const key = await account({ invoices: [{ status: 'cancelled' }] });
      const run = await runLive({
        baseUrl: proxy.url,
        apiKey: key,
        sandbox: false,
        operations: ['createCreditInvoice'],
        kinds: ['rule'],
      });
      expect(proxy.applied).toBeGreaterThan(0);
      expect(run.findings).toEqual([]);
      const rule = run.results.find((r) => r.id === 'createCreditInvoice 409 invoice_not_creditable')!;
      expect(rule.outcome).toBe('not_reachable');
      expect(rule.reason).toContain('the server answered 422 nothing_to_credit');
    } finally {
      await proxy.close();
    }
  });

  it('still fails a conforming answer that is not a business rule (an invoice it just listed is "not found")', async () => {
    const notFound = example('ProblemInvoiceNotFound');
    const proxy = await startFaultProxy(sandbox.url, [
      {
        operation: 'createCreditInvoice',
        response: (r) =>
          r.status === 409
            ? jsonResponse({ ...r, status: 404 }, (body) => ({
                ...notFound,
                requestId: body.requestId,
                timestamp: body.timestamp,
              }))
            : r,
      },
    ]);
    try {
      const key = await account({ invoices: [{ status: 'cancelled' }] });
      const run = await runLive({
        baseUrl: proxy.url,
        apiKey: key,
        sandbox: false,
        operations: ['createCreditInvoice'],
        kinds: ['rule'],
      });
      const rule = run.results.find((r) => r.id === 'createCreditInvoice 409 invoice_not_creditable')!;
      expect(rule.outcome).toBe('failed');
      expect(rule.findings.map((f) => [f.code, f.actual])).toEqual([['unexpected_status', '404 invoice_not_found']]);
    } finally {
      await proxy.close();
    }
  });

  it('reads each list once until the run changes something', async () => {
    const key = await account({ invoices: [{ status: 'unpaid' }] });
    const run = await runLive({
      baseUrl: sandbox.url,
      apiKey: key,
      sandbox: false,
      operations: ['getInvoice', 'getInvoicePdf'],
      kinds: ['negative', 'auth', 'not-found', 'success'],
    });
    expect(run.findings).toEqual([]);
    const scenariosNeedingAnInvoice = run.results.filter((r) => r.outcome === 'passed').length;
    expect(scenariosNeedingAnInvoice).toBeGreaterThan(5);
    expect(run.exchanges.filter((e) => e.operation === 'listInvoices')).toHaveLength(1);
  });

  it("takes a 429 the server already gave an operation as its rate-limit scenario's proof, spending nothing", async () => {
    const limited = await withSandbox({ rateLimit: '4/2s' });
    try {
      const run = await runLive({
        baseUrl: limited.url,
        apiKey: readWriteKey(limited),
        sandbox: false,
        operations: ['listInvoices'],
        kinds: ['negative', 'rate-limit'],
      });
      expect(run.findings).toEqual([]);
      expect(run.exchanges.some((e) => e.scenario.includes(' 400 ') && e.response.status === 429)).toBe(true);
      const scenario = run.results.find((r) => r.kind === 'rate-limit')!;
      expect(scenario.outcome).toBe('passed');
      expect(run.exchanges.filter((e) => e.scenario === scenario.id)).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('needs an API key', async () => {
    await expect(runLive({ baseUrl: sandbox.url, sandbox: false })).rejects.toThrow(UsageError);
    await expect(runLive({ baseUrl: sandbox.url, sandbox: false })).rejects.toThrow(
      `--api-key is required: ${sandbox.url} is not a sandbox, so the kit cannot create an account`,
    );
  });
});

describe('the local sandbox', () => {
  it('is an optional dependency: without it, one line says what to install', async () => {
    const missing = '@billing-api/sandbox-that-is-not-installed';
    await expect(startLocalSandbox(() => import(missing), missing)).rejects.toThrow(
      `without --base-url the kit starts a local sandbox, which needs ${missing}: install it (npm install ${missing}) or pass --base-url`,
    );
  });
});

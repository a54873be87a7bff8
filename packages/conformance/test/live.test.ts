// Live conformance against a fresh sandbox: every operation and every documented status is reached
// and every response conforms; ids come from responses; against a server that is not a sandbox
// (control endpoints unused) the statuses it cannot reach are listed with the reason.

import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveReport, runLive, UsageError } from '../src/index.js';
import { readWriteKey, withSandbox } from './helpers/sandbox.js';

let sandbox: RunningSandbox;
let report: LiveReport;
beforeAll(async () => {
  sandbox = await withSandbox();
  report = await runLive({ baseUrl: sandbox.url });
});
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
    expect(report.matrix.totals).toMatchObject({ operations: 29, operationsExercised: 29, failed: 0, notReachable: 0 });
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
    expect(report.results.filter((r) => r.kind === 'auth' && r.status === 401).length).toBeGreaterThanOrEqual(27 * 3);
  });
});

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

  it('needs an API key', async () => {
    await expect(runLive({ baseUrl: sandbox.url, sandbox: false })).rejects.toThrow(UsageError);
    await expect(runLive({ baseUrl: sandbox.url, sandbox: false })).rejects.toThrow(
      `--api-key is required: ${sandbox.url} is not a sandbox, so the kit cannot create an account`,
    );
  });
});

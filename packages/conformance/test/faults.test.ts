// Proof that the kit can fail: a fault-injecting proxy in front of a real sandbox makes a faulty
// server, and the kit must report each fault naming the operation, the status and the pointer.

import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finding, type LiveOptions, runLive } from '../src/index.js';
import { type Fault, jsonResponse, startFaultProxy } from './helpers/fault-proxy.js';
import { readWriteKey, withSandbox } from './helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await withSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function runThrough(faults: Fault[], options: Omit<LiveOptions, 'baseUrl'>) {
  const proxy = await startFaultProxy(sandbox.url, faults);
  try {
    const report = await runLive({ ...options, baseUrl: proxy.url });
    return { report, applied: proxy.applied };
  } finally {
    await proxy.close();
  }
}

const pick = (f: Finding) => ({ operation: f.operation, status: f.status, pointer: f.pointer, code: f.code });

describe('a faulty server is reported, naming the operation and the pointer', () => {
  it('a required field dropped from a response', async () => {
    const { report, applied } = await runThrough(
      [
        {
          operation: 'getInvoice',
          response: (r) => (r.status === 200 ? jsonResponse(r, ({ total: _total, ...rest }) => rest) : r),
        },
      ],
      { operations: ['getInvoice'], kinds: ['success'] },
    );
    expect(applied).toBeGreaterThan(0);
    expect(report.findings.map(pick)).toContainEqual({
      operation: 'getInvoice',
      status: 200,
      pointer: '/total',
      code: 'missing_required',
    });
    expect(report.matrix.operations[0]!.cells.find((c) => c.status === 200)!.state).toBe('failed');
  });

  it('an undocumented status', async () => {
    const { report } = await runThrough(
      [{ operation: 'listCards', response: (r) => (r.status === 200 ? { ...r, status: 203 } : r) }],
      {
        operations: ['listCards'],
        kinds: ['success'],
      },
    );
    expect(report.findings.map(pick)).toContainEqual({
      operation: 'listCards',
      status: 203,
      pointer: '/status',
      code: 'undocumented_status',
    });
    expect(report.matrix.undocumented).toContainEqual({ operation: 'listCards', status: 203, responses: 1 });
  });

  it('a wrong content type', async () => {
    const { report } = await runThrough(
      [
        {
          operation: 'getCreditBalance',
          response: (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain; charset=utf-8' } }),
        },
      ],
      { operations: ['getCreditBalance'], kinds: ['success'] },
    );
    const finding = report.findings.find((f) => f.code === 'undocumented_content_type');
    expect(finding && pick(finding)).toEqual({
      operation: 'getCreditBalance',
      status: 200,
      pointer: '/header/Content-Type',
      code: 'undocumented_content_type',
    });
    expect(finding!.actual).toBe('text/plain');
  });

  it('a missing header: X-Request-Id on a success, Retry-After on a 429', async () => {
    const drop =
      (name: string): Fault['response'] =>
      (r) => {
        const { [name]: _dropped, ...headers } = r.headers;
        return { ...r, headers };
      };
    const success = await runThrough([{ operation: 'listInvoices', response: drop('x-request-id') }], {
      operations: ['listInvoices'],
      kinds: ['success'],
    });
    expect(success.report.findings.map(pick)).toContainEqual({
      operation: 'listInvoices',
      status: 200,
      pointer: '/header/X-Request-Id',
      code: 'missing_header',
    });
    const limited = await runThrough(
      [
        {
          operation: 'getCreditBalance',
          response: (r) => (r.status === 429 ? drop('retry-after')(r, undefined as never, undefined as never) : r),
        },
      ],
      {
        operations: ['getCreditBalance'],
        kinds: ['rate-limit'],
      },
    );
    expect(limited.report.findings.map(pick)).toContainEqual({
      operation: 'getCreditBalance',
      status: 429,
      pointer: '/header/Retry-After',
      code: 'missing_header',
    });
  });

  it('an oversized body read and answered with a 5xx instead of the documented 413', async () => {
    const crash: Fault = {
      operation: 'payInvoice',
      response: (r) =>
        r.status === 413
          ? jsonResponse({ ...r, status: 500 }, (problem) => ({
              ...problem,
              status: 500,
              code: 'internal_error',
              title: 'Internal Server Error',
            }))
          : r,
    };
    const { report } = await runThrough([crash], { operations: ['payInvoice'], kinds: ['too-large'] });
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([['payInvoice 413 body too large', 'failed']]);
    expect(report.findings.map(pick)).toContainEqual({
      operation: 'payInvoice',
      status: 500,
      pointer: '/',
      code: 'server_error',
    });
  });

  it('a 5xx on bad input', async () => {
    const crash: Fault = {
      operation: 'addFunds',
      response: (r) =>
        r.status === 400
          ? jsonResponse({ ...r, status: 500 }, (problem) => ({
              ...problem,
              status: 500,
              code: 'internal_error',
              title: 'Internal Server Error',
              errors: undefined,
            }))
          : r,
    };
    const { report } = await runThrough([crash], { operations: ['addFunds'], kinds: ['negative'] });
    const serverErrors = report.findings.filter((f) => f.code === 'server_error');
    expect(serverErrors.map(pick)).toContainEqual({
      operation: 'addFunds',
      status: 500,
      pointer: '/amount',
      code: 'server_error',
    });
    expect(serverErrors.map((f) => f.pointer)).toEqual(
      expect.arrayContaining(['/', '/amount', '/unexpectedField', '/header/Idempotency-Key']),
    );
    expect(report.results.every((r) => r.outcome === 'failed')).toBe(true);
  });

  it('an auth check skipped', async () => {
    const key = readWriteKey(sandbox);
    const skipAuth: Fault = {
      operation: 'getCreditBalance',
      // The faulty server treats any request as the demo account's: it answers as if the key were valid.
      response: (r, req, resend) =>
        r.status === 401 ? resend({ ...req, headers: { ...req.headers, authorization: `Bearer ${key}` } }) : r,
    };
    const { report } = await runThrough([skipAuth], { operations: ['getCreditBalance'], kinds: ['auth'] });
    const notRejected = report.findings.filter((f) => f.code === 'not_rejected').map(pick);
    expect(notRejected).toContainEqual({
      operation: 'getCreditBalance',
      status: 200,
      pointer: '/header/Authorization',
      code: 'not_rejected',
    });
    expect(report.results.filter((r) => r.status === 401).map((r) => r.outcome)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    expect(report.results.find((r) => r.status === 403)!.outcome).toBe('passed');
  });
});

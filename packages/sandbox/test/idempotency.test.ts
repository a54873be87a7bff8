// v2 idempotency: replay with Idempotent-Replayed, key reuse with another body, in progress, 24 h
// expiry on the sandbox clock, keys per account, faults not remembered; v1 has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from './fixtures.js';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const balance = async (key: string) => (await t.get(`${V2}/credit`, key)).body.amount as number;

describe('idempotency', () => {
  it('replays the first response for the same key and body, doing nothing again', async () => {
    const f = await account(t, { credit: 100 });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    const first = await t.post(path, { amount: 10 }, f.rw, { idempotencyKey: 'k-1' });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await t.call('POST', path, {
      key: f.rw,
      idempotencyKey: 'k-1',
      raw: '{ "amount" : 10 }',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.text).toBe(first.text);
    expect(replay.requestId).toBe(first.requestId);
    expect(await balance(f.rw)).toBe(90);
  });

  it('refuses the same key with another body, and keys are per account', async () => {
    const f = await account(t, { credit: 100 });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    await t.post(path, { amount: 10 }, f.rw, { idempotencyKey: 'k-2' });
    const reused = await t.post(path, { amount: 11 }, f.rw, { idempotencyKey: 'k-2' });
    expect(reused.body).toMatchObject({
      status: 409,
      code: 'idempotency_key_reused',
      detail: 'This Idempotency-Key was already used with a different request body.',
    });
    const g = await account(t, { credit: 100 });
    const own = await t.post(`${V2}/invoices/${g.inv().id}/actions/apply-credit`, { amount: 10 }, g.rw, {
      idempotencyKey: 'k-2',
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers a repeat while the first is running with 409, then replays once it is done', async () => {
    const f = await account(t, { credit: 100 });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    await t.control('POST', '/sandbox/latency', { operationId: 'applyCreditToInvoice', ms: 500 });
    try {
      // Whichever arrives first runs (held by the latency); the other finds its "running" row.
      const both = await Promise.all([1, 2].map(() => t.post(path, { amount: 5 }, f.rw, { idempotencyKey: 'k-3' })));
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(both.find((r) => r.status === 409)!.body.code).toBe('idempotency_request_in_progress');
    } finally {
      await t.control('POST', '/sandbox/latency', { operationId: 'applyCreditToInvoice', ms: 0 });
    }
    const after = await t.post(path, { amount: 5 }, f.rw, { idempotencyKey: 'k-3' });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(await balance(f.rw)).toBe(95);
  });

  it('runs a held request once when a repeat took its key over meanwhile (the clock moved past the hold)', async () => {
    const f = await account(t, { credit: 100 });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    await t.control('POST', '/sandbox/latency', { operationId: 'applyCreditToInvoice', ms: 3_000 });
    try {
      const first = t.post(path, { amount: 5 }, f.rw, { idempotencyKey: 'k-held' });
      // The first one's running row is stored within milliseconds; a second leaves room for a busy machine.
      await new Promise((r) => setTimeout(r, 1_000));
      // Two minutes later on the sandbox clock the first one looks abandoned, so the repeat runs.
      await t.advance(120_000);
      const second = t.post(path, { amount: 5 }, f.rw, { idempotencyKey: 'k-held' });
      const answers = await Promise.all([first, second]);
      expect(answers.map((r) => r.status)).toEqual([409, 200]);
      expect(answers[0]!.body.code).toBe('idempotency_request_in_progress');
    } finally {
      await t.control('POST', '/sandbox/latency', { operationId: 'applyCreditToInvoice', ms: 0 });
    }
    expect(await balance(f.rw)).toBe(95);
    const replay = await t.post(path, { amount: 5 }, f.rw, { idempotencyKey: 'k-held' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await balance(f.rw)).toBe(95);
  });

  it('remembers rule errors, forgets server faults, and forgets everything after 24 hours', async () => {
    const f = await account(t, { credit: 100, invoices: [{ status: 'paid' }, { status: 'unpaid' }] });
    const paidPath = `${V2}/invoices/${f.inv(0).id}/actions/apply-credit`;
    const refused = await t.post(paidPath, {}, f.rw, { idempotencyKey: 'k-4' });
    const replayed = await t.post(paidPath, {}, f.rw, { idempotencyKey: 'k-4' });
    expect([refused.status, replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([409, 409, 'true']);
    expect(replayed.body.requestId).toBe(refused.body.requestId);

    const path = `${V2}/invoices/${f.inv(1).id}/actions/apply-credit`;
    await t.control('POST', '/sandbox/faults', { operationId: 'applyCreditToInvoice' });
    const fault = await t.post(path, { amount: 1 }, f.rw, { idempotencyKey: 'k-5' });
    await t.control('POST', '/sandbox/faults', { operationId: 'applyCreditToInvoice', enabled: false });
    expect(fault.body).toMatchObject({ status: 500, code: 'internal_error' });
    const retry = await t.post(path, { amount: 1 }, f.rw, { idempotencyKey: 'k-5' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();

    await t.advance(DAY - 60_000);
    expect(
      (await t.post(path, { amount: 1 }, f.rw, { idempotencyKey: 'k-5' })).headers.get('idempotent-replayed'),
    ).toBe('true');
    await t.advance(60_000);
    const fresh = await t.post(path, { amount: 1 }, f.rw, { idempotencyKey: 'k-5' });
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(await balance(f.rw)).toBe(98);
  });

  it('validates the key, and v1 has no idempotency', async () => {
    const f = await account(t, { credit: 100 });
    const bad = await t.post(`${V2}/credit/actions/add-funds`, { amount: 1 }, f.rw, {
      idempotencyKey: 'x'.repeat(256),
    });
    expect(bad.body.errors).toEqual([
      { pointer: '/header/Idempotency-Key', detail: 'must be at most 255 characters long', code: 'too_long' },
    ]);
    const v1 = `/api/billing/invoice/${f.inv().legacyId}/apply-credit`;
    await t.post(v1, { amount: '1.00' }, f.rw, { idempotencyKey: 'k-6' });
    const second = await t.post(v1, { amount: '1.00' }, f.rw, { idempotencyKey: 'k-6' });
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(await balance(f.rw)).toBe(98);
  });
});

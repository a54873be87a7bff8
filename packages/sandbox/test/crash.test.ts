// The crash test: a sandbox (the built CLI) on a file, or on PostgreSQL in the `postgres` project,
// under concurrent idempotent writes is SIGKILLed many times and restarted on the same data. Every write it acknowledged must be there,
// nothing may be half-applied (the credit balance is the sum of its ledger, an invoice's applied
// credit is the sum of its entries), and no idempotency key may have run twice: after each restart
// the requests that got no answer are retried with the same key until they do, and in the end each
// key has exactly one effect.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killed, startCli } from './cli-process.js';
import { listAll, testDatabase, V2 } from './helpers.js';

const KILLS = 12;
const WORKERS = 6;
const dir = mkdtempSync(join(tmpdir(), 'billing-crash-'));
let storage = ['--data', join(dir, 'crash.db')];
beforeAll(async () => {
  const database = await testDatabase();
  if (database) storage = ['--database', database];
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const start = () => startCli(['--port', '0', ...storage, '--quiet', '--rate-limit', 'off', '--no-demo']);

interface Write {
  key: string;
  path: string;
  body: unknown;
  /** Set when a response was received (the write was acknowledged). */
  answer?: { status: number; invoiceId?: string };
}

async function send(url: string, auth: string, write: Write): Promise<boolean> {
  try {
    const res = await fetch(url + write.path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json', 'Idempotency-Key': write.key },
      body: JSON.stringify(write.body),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { invoice?: { id: string }; code?: string };
    if (res.status === 409 && body.code === 'idempotency_request_in_progress') return false;
    expect(res.status, `${write.path}: ${JSON.stringify(body)}`).toBeLessThan(300);
    write.answer = { status: res.status, ...(body.invoice ? { invoiceId: body.invoice.id } : {}) };
    return true;
  } catch (error) {
    if ((error as Error).name === 'AssertionError') throw error;
    return false; // the process died under it: no answer
  }
}

describe('SIGKILL under concurrent writes', () => {
  it('keeps every acknowledged write, applies nothing by half, and runs no key twice', {
    timeout: 600_000,
  }, async () => {
    let server = await start();
    const account = await fetch(`${server.url}/sandbox/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        credit: 100_000,
        invoices: [{ status: 'unpaid', lines: [{ description: 'Crash test', unitAmount: 1_000_000, taxRate: 25 }] }],
        keys: { crash: ['read:billing', 'write:billing'] },
      }),
    }).then((r) => r.json() as Promise<{ keys: { crash: string }; invoices: Array<{ id: string }> }>);
    const auth = account.keys.crash;
    const big = account.invoices[0]!.id;
    const writes: Write[] = [];
    let serial = 0;
    let acknowledgedLive = 0;
    const next = (): Write => {
      const n = serial++;
      // Each add-funds key asks for an amount no other key asks for, so its invoices can be counted.
      const write =
        n % 2 === 0
          ? {
              key: `fund-${n}`,
              path: `${V2}/credit/actions/add-funds`,
              body: { amount: Number((1 + n / 100).toFixed(2)) },
            }
          : { key: `credit-${n}`, path: `${V2}/invoices/${big}/actions/apply-credit`, body: { amount: 0.01 } };
      writes.push(write);
      return write;
    };

    for (let kill = 0; kill < KILLS; kill++) {
      // Retry what got no answer, same key and body, until it is answered (replayed or run once).
      for (const write of writes.filter((w) => !w.answer)) while (!(await send(server.url, auth, write)));
      let running = true;
      const workers = Array.from({ length: WORKERS }, async () => {
        while (running) {
          if (!(await send(server.url, auth, next()))) return;
          acknowledgedLive++;
        }
      });
      await new Promise((r) => setTimeout(r, 150 + ((kill * 97) % 300)));
      running = false;
      await killed(server.child);
      await Promise.all(workers);
      server = await start();
    }
    for (const write of writes.filter((w) => !w.answer)) while (!(await send(server.url, auth, write)));

    const invoices = await listAll<{ id: string; kind: string; total: number; creditApplied: number }>(
      server.url,
      auth,
      `${V2}/invoices`,
    );
    const ledger = await listAll<{ amount: number; method: string | null; invoiceId: string | null }>(
      server.url,
      auth,
      `${V2}/activity?kind=credit`,
    );
    const credit = (await fetch(`${server.url}${V2}/credit`, { headers: { Authorization: `Bearer ${auth}` } }).then(
      (r) => r.json(),
    )) as { amount: number };
    const cents = (x: number) => Math.round(x * 100);

    // Every acknowledged add-funds invoice is there, and each key made exactly one.
    const funds = writes.filter((w) => w.key.startsWith('fund-'));
    const ids = new Set(invoices.map((i) => i.id));
    for (const w of funds) expect(ids.has(w.answer!.invoiceId!), w.key).toBe(true);
    const topUps = invoices.filter((i) => i.kind === 'add_funds');
    expect(topUps).toHaveLength(funds.length);
    expect(new Set(topUps.map((i) => cents(i.total))).size).toBe(funds.length);
    // Each apply-credit key applied 0.01 once: the invoice, its ledger entries and the balance agree.
    const applies = writes.length - funds.length;
    const bigInvoice = invoices.find((i) => i.id === big)!;
    const entries = ledger.filter((e) => e.invoiceId === big && e.method === 'accountCredit');
    expect(entries).toHaveLength(applies);
    expect(cents(bigInvoice.creditApplied)).toBe(applies);
    expect(cents(credit.amount)).toBe(ledger.reduce((sum, e) => sum + cents(e.amount), 0));
    expect(cents(credit.amount)).toBe(100_000_00 - applies);

    console.log(
      `crash (${storage[0] === '--database' ? 'PostgreSQL' : 'SQLite file'}): ${KILLS} kills, ${writes.length} writes, ${acknowledgedLive} acknowledged under load, ${writes.length - acknowledgedLive} answered only on a retry after a restart`,
    );
    await killed(server.child);
  });
});

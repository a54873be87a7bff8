// Three sandbox processes (the built CLI) on one PostgreSQL database behave as one server, and keep
// doing so when one of them is SIGKILLed mid-load. Under load spread across the three at once:
// - apply-credit on a handful of invoices of one account, more than its credit covers: no credit is
//   applied twice, none is overdrawn (the balance is the initial credit minus what was applied);
// - add-funds with the same Idempotency-Key sent to all three instances at once: one invoice per key;
// - card payments started on any instance and settled by whichever instance sees them due first: each
//   settled exactly once (one payment entry, one "paid" email per invoice).
// Requests the killed instance never answered are retried with the same key on another instance
// until they are answered. Then the database is counted: acknowledged writes missing (lost) and
// effects applied more than once (doubled) must both be 0. And a key's rate limit is one bucket,
// whichever instance its requests reach.
import type { ChildProcess } from 'node:child_process';
import { createDatabase } from '@billing-api/package-tooling/postgres-cluster';
import { describe, expect, inject, it } from 'vitest';
import { startCli } from './cli-process.js';
import { DAY, listAll, V2 } from './helpers.js';

const INSTANCES = 3;

interface Instance {
  url: string;
  child: ChildProcess;
  alive: boolean;
}

async function start(database: string, rateLimit = 'off'): Promise<Instance> {
  const args = ['--port', '0', '--database', database, '--quiet', '--rate-limit', rateLimit, '--no-demo'];
  const { url, child } = await startCli([...args, '--payment-delay-ms', '150']);
  return { url, child, alive: true };
}

const stats = { requests: 0, unanswered: 0, inProgress: 0, kills: 0 };

/** One write, identified by its key; `answer` is set once a response arrived (it was acknowledged). */
interface Write {
  key: string;
  path: string;
  body: unknown;
  answer?: { status: number; body: any };
}

type Send = { answered: true; status: number; body: any } | { answered: false };

async function post(instance: Instance, auth: string, write: Write): Promise<Send> {
  stats.requests++;
  try {
    const res = await fetch(instance.url + write.path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json', 'Idempotency-Key': write.key },
      body: JSON.stringify(write.body),
      signal: AbortSignal.timeout(30_000),
    });
    return { answered: true, status: res.status, body: await res.json() };
  } catch {
    stats.unanswered++;
    return { answered: false }; // the instance died under it
  }
}

const inProgress = (s: Send) => s.answered && s.status === 409 && s.body.code === 'idempotency_request_in_progress';

/** Sends until answered (not in progress), moving to a live instance when one dies. */
async function untilAnswered(instances: Instance[], auth: string, write: Write, first: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const live = instances.filter((i) => i.alive);
    const instance = live[(first + attempt) % live.length]!;
    const sent = await post(instance, auth, write);
    if (inProgress(sent)) stats.inProgress++;
    if (sent.answered && !inProgress(sent)) {
      write.answer = { status: sent.status, body: sent.body };
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cents = (x: number) => Math.round(x * 100);

describe('three instances on one PostgreSQL database', () => {
  it('apply credit, honour idempotency keys and settle payments as one server, through a SIGKILL', {
    timeout: 300_000,
  }, async () => {
    const database = await createDatabase(inject('postgresUrl'));
    // All three start at once on an empty database: one migrates, the others wait for it.
    const instances = await Promise.all(Array.from({ length: INSTANCES }, () => start(database)));
    const CREDIT = 300;
    const created = await fetch(`${instances[0]!.url}/sandbox/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        credit: CREDIT,
        cards: [{ last4: '4242', expMonth: 12, expYear: 2030 }],
        invoices: Array.from({ length: 18 }, (_, i) => ({
          status: 'unpaid',
          lines: [{ description: `Multi ${i}`, unitAmount: 100, taxRate: 25 }],
        })),
        keys: { load: ['read:billing', 'write:billing'] },
      }),
    }).then((r) => r.json() as Promise<{ keys: { load: string }; invoices: Array<{ id: string }> }>);
    const auth = created.keys.load;
    const creditInvoices = created.invoices.slice(0, 6).map((i) => i.id); // 6 × 125.00 > 300.00 of credit
    const payInvoices = created.invoices.slice(6).map((i) => i.id);

    const applies: Write[] = Array.from({ length: 160 }, (_, n) => ({
      key: `apply-${n}`,
      path: `${V2}/invoices/${creditInvoices[n % creditInvoices.length]}/actions/apply-credit`,
      body: { amount: 2.5 },
    }));
    const pays: Write[] = payInvoices.map((id, n) => ({
      key: `pay-${n}`,
      path: `${V2}/invoices/${id}/actions/pay`,
      body: {},
    }));
    const funds: Write[] = Array.from({ length: 40 }, (_, n) => ({
      key: `fund-${n}`,
      path: `${V2}/credit/actions/add-funds`,
      body: { amount: Number((10 + n / 100).toFixed(2)) }, // an amount no other key asks for
    }));
    /** Every response each add-funds key got, from whichever instance. */
    const fundAnswers = new Map<string, Array<{ status: number; body: any }>>();

    // The load: workers pull writes from one queue and send each to an instance in turn; each
    // add-funds key goes to all three instances at once.
    const queue: Array<() => Promise<void>> = [];
    for (const [n, w] of applies.entries()) queue.push(() => untilAnswered(instances, auth, w, n));
    for (const [n, w] of pays.entries()) queue.splice(n * 10, 0, () => untilAnswered(instances, auth, w, n));
    for (const [n, w] of funds.entries()) {
      queue.splice(n * 5 + 1, 0, async () => {
        const answers: Array<{ status: number; body: any }> = [];
        await Promise.all(
          instances.map(async (_, i) => {
            const copy: Write = { ...w };
            await untilAnswered(instances, auth, copy, n + i);
            answers.push(copy.answer!);
          }),
        );
        fundAnswers.set(w.key, answers);
        w.answer = answers[0];
      });
    }
    const total = queue.length;
    let done = 0;
    const victim = instances[INSTANCES - 1]!;
    const workers = Array.from({ length: 12 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await job();
        if (++done === Math.floor(total / 3)) {
          // Mid-load: no goodbye, whatever it was doing.
          victim.alive = false;
          victim.child.kill('SIGKILL');
          stats.kills++;
        }
      }
    });
    await Promise.all(workers);
    expect(stats.kills).toBe(1);
    expect(victim.child.signalCode ?? (await new Promise((r) => victim.child.once('exit', (_c, s) => r(s))))).toBe(
      'SIGKILL',
    );

    // Every answer is one the rules allow.
    for (const w of applies) {
      const { status, body } = w.answer!;
      if (status === 200) continue;
      expect([409, 422], JSON.stringify(body)).toContain(status);
      expect([
        'no_credit_available',
        'amount_exceeds_credit_balance',
        'amount_exceeds_invoice_balance',
        'invoice_not_unpaid',
      ]).toContain(body.code);
    }
    for (const w of pays) expect(w.answer!.status, JSON.stringify(w.answer!.body)).toBe(202);
    for (const w of funds) expect(w.answer!.status, JSON.stringify(w.answer!.body)).toBe(201);

    // Settlement happens on whichever instance gets a request once a payment is due: keep asking.
    const live = instances.filter((i) => i.alive);
    let invoices: Array<{
      id: string;
      kind: string;
      status: string;
      total: number;
      creditApplied: number;
      amountPaid: number;
    }> = [];
    for (let round = 0; ; round++) {
      invoices = await listAll(live[round % live.length]!.url, auth, `${V2}/invoices`);
      if (payInvoices.every((id) => invoices.find((i) => i.id === id)?.status === 'paid')) break;
      if (round > 200) throw new Error('the card payments were never settled');
      await new Promise((r) => setTimeout(r, 50));
    }
    const reader = live[0]!.url;
    const activity = await listAll<{ id: string; amount: number; method: string | null; invoiceId: string | null }>(
      reader,
      auth,
      `${V2}/activity?kind=transaction`,
    );
    const creditLedger = await listAll<{ amount: number; method: string | null; invoiceId: string | null }>(
      reader,
      auth,
      `${V2}/activity?kind=credit`,
    );
    const balance = (await (
      await fetch(`${reader}${V2}/credit`, { headers: { Authorization: `Bearer ${auth}` } })
    ).json()) as { amount: number };
    const emails = (
      (await (await fetch(`${reader}/sandbox/outbox`)).json()) as {
        emails: Array<{ template: string; invoiceId: string | null }>;
      }
    ).emails;

    let lost = 0;
    let doubled = 0;
    const count = (expected: number, actual: number) => {
      if (actual < expected) lost += expected - actual;
      if (actual > expected) doubled += actual - expected;
    };
    // Apply-credit: per invoice, one ledger entry per acknowledged 200, and the invoice agrees.
    for (const id of creditInvoices) {
      const acknowledged = applies.filter((w) => w.path.includes(id) && w.answer!.status === 200).length;
      const entries = creditLedger.filter((e) => e.invoiceId === id && e.method === 'accountCredit');
      count(acknowledged, entries.length);
      const invoice = invoices.find((i) => i.id === id)!;
      expect(cents(invoice.creditApplied)).toBe(acknowledged * 250);
      expect(cents(invoice.creditApplied)).toBeLessThanOrEqual(cents(invoice.total)); // never over the invoice
    }
    const applied = applies.filter((w) => w.answer!.status === 200).length * 250;
    expect(applied).toBeLessThanOrEqual(CREDIT * 100); // never overdrawn
    expect(cents(balance.amount)).toBe(CREDIT * 100 - applied);
    expect(cents(balance.amount)).toBe(creditLedger.reduce((sum, e) => sum + cents(e.amount), 0)); // the ledger agrees
    // Idempotent add-funds: every instance answered each key with the same invoice, and there is one.
    for (const w of funds) {
      const ids = new Set(fundAnswers.get(w.key)!.map((a) => a.body.invoice.id));
      expect(ids.size, w.key).toBe(1);
      const made = invoices.filter(
        (i) => i.kind === 'add_funds' && cents(i.total) === cents((w.body as { amount: number }).amount),
      );
      count(1, made.length);
    }
    // Payments: each paid invoice has one card payment entry and one "paid" email.
    for (const id of payInvoices) {
      count(1, activity.filter((e) => e.invoiceId === id && e.method === 'card').length);
      count(1, emails.filter((e) => e.template === 'invoice_paid' && e.invoiceId === id).length);
      const invoice = invoices.find((i) => i.id === id)!;
      expect(cents(invoice.amountPaid)).toBe(cents(invoice.total));
    }

    const writes = applies.length + pays.length + funds.length * INSTANCES;
    console.log(
      `multi-instance: ${INSTANCES} instances, ${stats.requests} requests (${writes} writes, ${stats.unanswered} unanswered and retried elsewhere, ${stats.inProgress} answered in progress and retried), ${stats.kills} kill, ${lost} lost, ${doubled} doubled; ${applied / 100} of ${CREDIT} credit applied by ${applied / 250} calls, ${pays.length} payments settled, ${funds.length} keys sent to every instance`,
    );
    expect(lost).toBe(0);
    expect(doubled).toBe(0);
  });

  it('holds a key to one rate limit, whichever instance its requests reach', { timeout: 120_000 }, async () => {
    const database = await createDatabase(inject('postgresUrl'));
    const instances = await Promise.all([start(database, '6/60s'), start(database, '6/60s'), start(database, '6/60s')]);
    const created = (await fetch(`${instances[0]!.url}/sandbox/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ keys: { app: ['read:billing'] } }),
    }).then((r) => r.json())) as { keys: { app: string } };
    const get = (i: number) =>
      fetch(`${instances[i % 3]!.url}${V2}/credit`, { headers: { Authorization: `Bearer ${created.keys.app}` } });
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => get(i)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    const remaining = answers
      .filter((r) => r.status === 200)
      .map((r) => Number(r.headers.get('x-ratelimit-remaining')));
    expect(remaining.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const instance of instances) instance.child.kill('SIGTERM');
  });

  it('share the default clock: a move or a wipe on one instance is what every instance answers next', {
    timeout: 120_000,
  }, async () => {
    const database = await createDatabase(inject('postgresUrl'));
    const instances = await Promise.all([start(database), start(database), start(database)]);
    const control = async (i: number, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${instances[i]!.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as { offsetMs: number; now: string } };
    };
    expect((await control(0, 'POST', '/sandbox/clock/advance', { days: 3 })).status).toBe(200);
    for (const i of [1, 2]) expect((await control(i, 'GET', '/sandbox/clock')).body.offsetMs).toBe(3 * DAY);
    expect((await control(2, 'POST', '/sandbox/clock/advance', { days: 1 })).body.offsetMs).toBe(4 * DAY);
    expect((await control(0, 'GET', '/sandbox/clock')).body.offsetMs).toBe(4 * DAY);
    expect((await control(1, 'POST', '/sandbox/reset', {})).status).toBe(200);
    for (const i of [0, 2]) expect((await control(i, 'GET', '/sandbox/clock')).body.offsetMs).toBe(0);
    for (const instance of instances) instance.child.kill('SIGTERM');
  });
});

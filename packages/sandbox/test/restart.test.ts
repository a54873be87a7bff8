// The CLI with a file database: changes survive a SIGKILL and a restart on the same --data file (no
// re-seeding, same keys, same clock), ids made after a restart never meet stored ones, a database
// that cannot be served is refused at start-up in one line, and SIGTERM shuts down cleanly. Spawns
// the built CLI.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, startCli as startProcess } from './cli-process.js';
import { checkResponse, V2 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'billing-sandbox-'));
const data = join(dir, 'sandbox.db');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  keys: Record<string, string>;
  stderr: () => string;
}

/** Starts the CLI and reads the URL and keys it prints at start-up. */
async function startCli(file = data, delayMs = 3_600_000, extra: string[] = []): Promise<Started> {
  const args = ['--port', '0', '--data', file, '--seed', '5', '--quiet', '--payment-delay-ms', String(delayMs)];
  const started = await startProcess([...args, ...extra], (err) => err.includes('personal read/write'));
  const keys = Object.fromEntries(
    [...started.stderr().matchAll(/^\s{2}(\S.*?)\s{2,}(sk_test_\w+)/gm)].map((m) => [m[1]!.trim(), m[2]!]),
  );
  return { ...started, keys };
}

async function call(base: string, method: string, path: string, key: string | undefined, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const response = {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text),
    text,
    requestId: res.headers.get('x-request-id'),
  };
  checkResponse(method, path, response);
  return response;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('restart on a file database', () => {
  it('keeps every change across a SIGKILL, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const first = await startCli();
    const key = first.keys['business read/write']!;
    expect(key).toMatch(/^sk_test_/);
    const unpaid = (await call(first.url, 'GET', `${V2}/invoices?status=unpaid&kind=standard`, key)).body.data[0];
    await call(first.url, 'POST', `${V2}/invoices/${unpaid.id}/actions/apply-credit`, key, { amount: 100.1 });
    const topUp = await call(first.url, 'POST', `${V2}/credit/actions/add-funds`, key, { amount: 42 });
    await call(first.url, 'POST', `${V2}/invoices/${topUp.body.invoice.id}/actions/pay`, key, {});
    const link = await call(first.url, 'POST', `${V2}/invoices/${unpaid.id}/actions/generate-payment-link`, key);
    const advanced = await call(first.url, 'POST', '/sandbox/clock/advance', undefined, { minutes: 30 });
    expect(advanced.status).toBe(200);
    const before = (await call(first.url, 'GET', `${V2}/invoices?limit=100`, key)).body.data;
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await startCli();
    expect(second.keys).toEqual(first.keys);
    const after = (await call(second.url, 'GET', `${V2}/invoices?limit=100`, key)).body.data;
    expect(after.map((i: any) => [i.id, i.status, i.creditApplied, i.balance])).toEqual(
      before.map((i: any) => [i.id, i.status, i.creditApplied, i.balance]),
    );
    expect((await call(second.url, 'GET', `${V2}/credit`, key)).body.amount).toBe(2399.9);
    expect((await call(second.url, 'GET', `${V2}/invoices/${topUp.body.invoice.id}`, key)).body.status).toBe(
      'payment_pending',
    );
    const state = await call(second.url, 'GET', `${V2}/invoices/${unpaid.id}/payment-link`, key);
    expect(state.body).toMatchObject({ hasActiveLink: true, linkId: link.body.linkId });
    const clock = await call(second.url, 'GET', '/sandbox/clock', undefined);
    expect(clock.body.offsetMs).toBe(30 * 60_000);

    const code = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(second.stderr()).toContain('SIGTERM: finishing in-flight requests and closing the database');
  });
});

describe('restart with --seed on a file database', () => {
  it('makes no id that is already stored, run after run', { timeout: 180_000 }, async () => {
    const file = join(dir, 'seeded.db');
    let settled = 0;
    for (let run = 0; run < 3; run++) {
      const cli = await startCli(file, 0);
      const key = cli.keys['business read/write']!;
      const post = async (path: string, body?: unknown) => {
        const res = await call(cli.url, 'POST', path, key, body);
        expect(res.status, `run ${run}: POST ${path}: ${res.text}`).toBeLessThan(300);
        return res;
      };
      for (let i = 0; i < 3; i++) {
        const topUp = await post(`${V2}/credit/actions/add-funds`, { amount: 10 + i });
        await post(`${V2}/invoices/${topUp.body.invoice.id}/actions/generate-payment-link`);
        await post(`${V2}/invoices/${topUp.body.invoice.id}/actions/pay`, {});
      }
      const account = await call(cli.url, 'POST', '/sandbox/accounts', undefined, { invoices: [{ status: 'paid' }] });
      expect(account.status, account.text).toBe(201);
      // The payments settle at the next request (delay 0): every one of them, on every run.
      const activity = await call(cli.url, 'GET', `${V2}/activity?kind=transaction&limit=100`, key);
      settled = activity.body.data.filter((e: any) => e.method === 'card').length;
      const health = await call(cli.url, 'GET', '/sandbox/health', undefined);
      expect(health.status).toBe(200);
      cli.child.kill('SIGKILL');
      await exited(cli.child);
    }
    expect(settled).toBeGreaterThanOrEqual(9);
  });
});

describe('a database that cannot be served', () => {
  const refuse = (file: string) => {
    const run = spawnSync(process.execPath, [CLI, '--port', '0', '--data', file, '--quiet'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: run.status, stderr: run.stderr };
  };
  /** A database the sandbox made, then changed behind its back. */
  const tampered = async (name: string, change: (db: Database.Database) => void) => {
    const file = join(dir, name);
    const cli = await startCli(file);
    cli.child.kill('SIGKILL');
    await exited(cli.child);
    const db = new Database(file);
    change(db);
    db.close();
    return file;
  };

  it('is refused at start-up with one line that says why, and a non-zero exit', { timeout: 180_000 }, async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a database, it is a shopping list\n'.repeat(200));
    const clock = await tampered('clock.db', (db) =>
      db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset_ms', '1e18')`).run(),
    );
    const newer = await tampered('newer.db', (db) =>
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')`).run(),
    );
    const cases: Array<[string, RegExp]> = [
      [garbage, /garbage\.db.*not a database/],
      [clock, /clock\.db holds a sandbox clock offset of 1e18 ms, which is no valid date/],
      [newer, /newer\.db was written by a newer sandbox \(schema version 99/],
    ];
    for (const [file, says] of cases) {
      const { code, stderr } = refuse(file);
      expect(code, stderr).toBe(1);
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      expect(stderr).toMatch(/^billing-sandbox: /);
      expect(stderr).toMatch(says);
      expect(stderr).not.toMatch(/\s+at /);
    }
  });

  it("keeps each account's clock across a SIGKILL, and --admin-token guards the default clock", async () => {
    const file = join(dir, 'clocks.db');
    const admin = ['--admin-token', 'admin-secret-0123456789'];
    let s = await startCli(file, 3_600_000, admin);
    const created = await call(s.url, 'POST', '/sandbox/accounts', undefined, {
      keys: { rw: ['read:billing', 'write:billing'] },
    });
    const key = created.body.keys.rw as string;
    expect((await call(s.url, 'POST', '/sandbox/account/clock/advance', key, { days: 3 })).status).toBe(200);
    expect((await call(s.url, 'POST', '/sandbox/clock/advance', undefined, { days: 1 })).status).toBe(401);
    s.child.kill('SIGKILL');
    await exited(s.child);

    s = await startCli(file, 3_600_000, admin);
    const own = await call(s.url, 'GET', '/sandbox/account/clock', key);
    expect(own.body.offsetMs).toBe(3 * 86_400_000);
    expect((await call(s.url, 'GET', '/sandbox/clock', undefined)).body.offsetMs).toBe(0);
    s.child.kill('SIGTERM');
    expect(await exited(s.child)).toBe(0);
  });
});

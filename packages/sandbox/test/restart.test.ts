// The CLI with a file database: changes survive a SIGKILL and a restart on the same --data file (no
// re-seeding, same keys, same clock), and SIGTERM shuts down cleanly. Spawns the built CLI.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResponse, V2 } from './helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'billing-sandbox-'));
const data = join(dir, 'sandbox.db');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  keys: Record<string, string>;
  stderr: () => string;
}

/** Starts the CLI and reads the URL and keys it prints at start-up. */
function startCli(): Promise<Started> {
  if (!existsSync(CLI)) throw new Error(`build the package first: ${CLI} is missing`);
  const child = spawn(
    process.execPath,
    [CLI, '--port', '0', '--data', data, '--seed', '5', '--quiet', '--payment-delay-ms', '3600000'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${err}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (url && err.includes('personal read/write')) {
        clearTimeout(timer);
        const keys = Object.fromEntries(
          [...err.matchAll(/^\s{2}(\S.*?)\s{2,}(sk_test_\w+)/gm)].map((m) => [m[1]!.trim(), m[2]!]),
        );
        resolve({ child, url, keys, stderr: () => err });
      }
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${err}`)));
  });
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
  it('keeps every change across a SIGKILL, and stops cleanly on SIGTERM', async () => {
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

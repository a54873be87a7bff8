// The CLI on PostgreSQL as a user meets it: a server that is not there, a database that does not
// exist, a wrong password: one line saying why (exit 1), no stack trace; a good URL serves, says
// where its data lives, and a second sandbox on the same URL sees what the first wrote.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@billing-api/package-tooling/postgres-cluster';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCK } from '../src/db/postgres.js';
import { V2 } from './helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function refused(url: string) {
  const result = spawnSync(process.execPath, [CLI, '--port', '0', '--database', url, '--quiet'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(url: string): Promise<{ url: string; stderr: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--database', url, '--quiet', '--seed', '3'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (listening && err.includes('personal read/write')) resolve({ url: listening, stderr: err, child });
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${err}`)));
  });
}

describe('billing-sandbox --database', () => {
  it('says in one line that no server listens there', async () => {
    const port = await closedPort();
    const { code, stderr } = refused(`postgres://someone:hunter2hunter2@127.0.0.1:${port}/billing`);
    expect(code, stderr).toBe(1);
    expect(stderr).toBe(
      `billing-sandbox: cannot connect to postgres://someone@127.0.0.1:${port}/billing: connection refused: is PostgreSQL running and listening there?\n`,
    );
  });

  it('says in one line that the database does not exist', () => {
    const missing = new URL(inject('postgresUrl'));
    missing.pathname = '/no_such_database';
    const { code, stderr } = refused(missing.toString());
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(
      /^billing-sandbox: cannot connect to postgres:\/\/.*\/no_such_database: the database does not exist/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('takes its liveness lock again when the connection holding it drops', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const sandbox = await start(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // The instances' liveness locks: advisory locks in their own namespace, on this database.
      const holders = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objsubid = 2
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [LOCK.instance],
          )
        ).rows.map((r) => r.pid);
      const [before] = await holders();
      expect(before).toBeTypeOf('number');
      await admin.query('SELECT pg_terminate_backend($1)', [before]);
      let after: number[] = [];
      for (let i = 0; i < 100 && !(after.length === 1 && after[0] !== before); i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await holders();
      }
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
      expect(sandbox.child.exitCode).toBeNull();
      const health = await fetch(`${sandbox.url}/sandbox/health`);
      expect(health.status).toBe(200);
    } finally {
      await admin.end();
    }
  });

  it('serves from the database, and a second sandbox on the same URL sees the same data', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const [a, b] = await Promise.all([start(url), start(url)]);
    expect(a.stderr).toContain(`data: ${url}`);
    const key = /business read\/write\s+(sk_test_\S+)/.exec(a.stderr)![1]!;
    // Both started on an empty database at once: one seeded the demo data, both print its keys.
    expect(b.stderr).toContain(key);
    const added = await fetch(`${a.url}${V2}/credit/actions/add-funds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'cli-1' },
      body: JSON.stringify({ amount: 12.5 }),
    });
    expect(added.status).toBe(201);
    const { invoice } = (await added.json()) as { invoice: { id: string } };
    const seen = await fetch(`${b.url}${V2}/invoices/${invoice.id}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(seen.status).toBe(200);
  });
});

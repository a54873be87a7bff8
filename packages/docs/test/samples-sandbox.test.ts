/**
 * Every published sample works as copied: each operation's cURL command and TypeScript program run
 * verbatim (byte for byte what the pages show) against a sandbox started by this test with demo
 * data (`startSandbox({ seed })`), with only the two environment variables the pages tell the
 * reader to set: `BILLING_API_URL` and `BILLING_API_KEY`. The samples carry the spec's example ids,
 * so this passes only when the sandbox's seeded demo data holds those ids. The sandbox is reset
 * before every sample, so each runs against the state a new reader has. curl's status line comes
 * from a `.curlrc` (`write-out`), so not a character of the command is changed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningSandbox, startSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/build.js';
import { isSuccess } from '../src/spec/operations.js';
import { model } from './support/site.js';

const run = promisify(execFile);
/** The seed the guides tell readers to start the sandbox with (`--seed 1`). */
const SEED = 1;
const STATUS_MARK = '\n@@status=';

let sandbox: RunningSandbox;
let key: string;
let curlHome: string;
const scripts = join(PACKAGE_DIR, '.tmp', `samples-${process.pid}`);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: SEED, rateLimit: false, paymentDelayMs: 0 });
  key = sandbox.key('business read/write');
  curlHome = mkdtempSync(join(tmpdir(), 'billing-docs-curl-'));
  writeFileSync(
    join(curlHome, '.curlrc'),
    `silent\nshow-error\nwrite-out = "${STATUS_MARK.replace('\n', '\\n')}%{http_code}"\n`,
  );
  mkdirSync(scripts, { recursive: true });
  writeFileSync(join(scripts, 'package.json'), JSON.stringify({ type: 'module', private: true }));
});

beforeEach(async () => {
  const res = await fetch(`${sandbox.url}/sandbox/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status, 'sandbox reset').toBe(200);
  key = ((await res.json()) as { keys: Array<{ label: string; key: string }> }).keys.find(
    (k) => k.label === 'business read/write',
  )!.key;
});

afterAll(async () => {
  await sandbox?.close();
  if (curlHome) rmSync(curlHome, { recursive: true, force: true });
  rmSync(scripts, { recursive: true, force: true });
});

/** Only what the pages tell the reader to set, plus a PATH to find curl and node. */
function readerEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: curlHome,
    CURL_HOME: curlHome,
    BILLING_API_URL: sandbox.url,
    BILLING_API_KEY: key,
  };
}

async function runCurl(command: string): Promise<{ status: number; body: string }> {
  const { stdout } = await run('bash', ['--noprofile', '--norc', '-c', command], { env: readerEnv() });
  const at = stdout.lastIndexOf(STATUS_MARK);
  return { status: Number(stdout.slice(at + STATUS_MARK.length)), body: stdout.slice(0, at) };
}

async function runTypescript(name: string, source: string): Promise<{ code: number; output: string }> {
  const file = join(scripts, `${name}.ts`);
  writeFileSync(file, source);
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], {
      env: readerEnv(),
      cwd: PACKAGE_DIR,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const operations = model().operations;

describe('every cURL sample, verbatim, against a seeded sandbox', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s answers its documented success status',
    async (_id, op) => {
      const { curl } = model().samples.get(op.operationId)!;
      const { status, body } = await runCurl(curl);
      const success = op.responses.filter((r) => isSuccess(r.status)).map((r) => Number(r.status));
      expect(success, `${op.operationId} answered ${status}: ${body.slice(0, 300)}`).toContain(status);
    },
  );

  it('without a valid key the samples get the documented 401', async () => {
    const list = operations.find((op) => op.security.length > 0 && op.method === 'GET')!;
    key = 'not-a-key';
    const { status, body } = await runCurl(model().samples.get(list.operationId)!.curl);
    expect(status).toBe(401);
    expect(list.responses.map((r) => r.status)).toContain('401');
    expect(JSON.parse(body).code).toMatch(/^unauthorized$/i);
  });
});

describe('every TypeScript sample, verbatim, against a seeded sandbox', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s runs and exits 0', async (_id, op) => {
    const { typescript } = model().samples.get(op.operationId)!;
    const { code, output } = await runTypescript(op.operationId, typescript);
    expect(code, `${op.operationId}: ${output.slice(0, 400)}`).toBe(0);
  });
});

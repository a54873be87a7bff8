// The one way tests talk to a sandbox: every response they receive is validated against the bundled
// spec with @billing-api/validation (status, content type, required headers, body), and X-Request-Id
// must equal the body's requestId. A violation throws, so it fails the test that made the request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openapi } from '@billing-api/openapi';
import { createDatabase } from '@billing-api/package-tooling/postgres-cluster';
import { createSpecValidator, type Finding } from '@billing-api/validation';
import { inject } from 'vitest';
import type { AccountSpec, CreatedAccount } from '../src/domain/accounts.js';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../src/index.js';

export const spec = createSpecValidator(openapi);

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
  requestId: string | null;
}

export interface CallOptions {
  /** v2: sent as Authorization: Bearer; v1: as X-API-Key (chosen by the path). */
  key?: string;
  body?: unknown;
  /** A raw body (sent as is). */
  raw?: string;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

export class SpecViolation extends Error {
  constructor(
    readonly findings: Finding[],
    where: string,
  ) {
    super(
      `${where} does not conform to the spec:\n${findings.map((f) => `  ${f.code} ${f.pointer}: ${f.message}`).join('\n')}`,
    );
  }
}

const REQUEST_ID = {
  v2: /^req_[0-9a-hjkmnp-tv-z]{26}$/,
  v1: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
};

/** Checks one response against the spec; throws SpecViolation. */
export function checkResponse(method: string, path: string, response: ApiResponse): void {
  const bare = path.split('?')[0]!;
  const where = `${method} ${bare} -> ${response.status}`;
  const requestId = response.requestId;
  if (!requestId) throw new SpecViolation([], `${where} has no X-Request-Id`);
  const v2 = bare.startsWith('/api/v2/') || bare.startsWith('/sandbox/');
  if (!(v2 ? REQUEST_ID.v2 : REQUEST_ID.v1).test(requestId))
    throw new Error(`${where}: X-Request-Id ${requestId} has the wrong form`);
  if (
    response.body &&
    typeof response.body === 'object' &&
    'requestId' in response.body &&
    response.body.requestId !== requestId
  ) {
    throw new Error(`${where}: body requestId ${response.body.requestId} differs from X-Request-Id ${requestId}`);
  }
  if (bare.startsWith('/sandbox/')) return; // control endpoints are not part of the spec
  if (method === 'OPTIONS') {
    // CORS preflight: answered before routing, for any path.
    if (response.status !== 204 || response.text !== '') throw new Error(`${where}: a preflight is an empty 204`);
    return;
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  if (spec.matchOperation(method, bare)) {
    const findings = spec.validateResponse({
      method,
      path: bare,
      status: response.status,
      headers: response.headers,
      contentType,
      body: response.text === '' ? undefined : response.body,
    });
    if (findings.length > 0) throw new SpecViolation(findings, where);
    return;
  }
  // Not an operation: the documented error envelope of its version, as a 404.
  if (response.status !== 404) throw new Error(`${where}: a path that is no operation must be 404`);
  const findings = spec.validateValue(
    v2 ? '#/components/schemas/Problem' : '#/components/schemas/ErrorV1',
    response.body,
  );
  if (findings.length > 0) throw new SpecViolation(findings, where);
}

/**
 * The store the suite runs on, set by the vitest project (SANDBOX_TEST_STORE): `postgres` gives
 * every sandbox a test starts without a `data` file an empty database of its own on the run's
 * PostgreSQL cluster (postgres-setup.ts); `sqlite-file` gives it a SQLite file of its own in a
 * temporary folder (group commit and the reader connection run only on a file); otherwise SQLite in
 * memory.
 */
export const testStore: 'sqlite' | 'sqlite-file' | 'postgres' =
  process.env.SANDBOX_TEST_STORE === 'postgres'
    ? 'postgres'
    : process.env.SANDBOX_TEST_STORE === 'sqlite-file'
      ? 'sqlite-file'
      : 'sqlite';

/** A fresh PostgreSQL database URL when the suite runs on PostgreSQL. */
export async function testDatabase(): Promise<string | undefined> {
  return testStore === 'postgres' ? createDatabase(inject('postgresUrl')) : undefined;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  url: string;
  /** Demo keys. */
  keys: { business: string; readOnly: string; personal: string };
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  get(path: string, key?: string): Promise<ApiResponse>;
  post(path: string, body?: unknown, key?: string, extra?: Omit<CallOptions, 'body' | 'key'>): Promise<ApiResponse>;
  control(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  createAccount(spec: AccountSpec): Promise<CreatedAccount>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const ownStorage = options.data === undefined && options.database === undefined;
  const database = ownStorage ? await testDatabase() : undefined;
  const folder = ownStorage && testStore === 'sqlite-file' ? mkdtempSync(join(tmpdir(), 'sandbox-test-')) : undefined;
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    rateLimit: false,
    paymentDelayMs: 1000,
    ...(database ? { database } : {}),
    ...(folder ? { data: join(folder, 'sandbox.db') } : {}),
    ...options,
  });
  if (database && !sandbox.storage.startsWith('postgres://'))
    throw new Error(`the sandbox runs on ${sandbox.storage}, not on PostgreSQL`);
  if (folder && !sandbox.storage.startsWith(folder))
    throw new Error(`the sandbox runs on ${sandbox.storage}, not on a file in ${folder}`);
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.key) {
      if (path.startsWith('/api/v2/')) headers.Authorization = `Bearer ${o.key}`;
      else headers['X-API-Key'] = o.key;
    }
    if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(sandbox.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown = text;
    if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    const response: ApiResponse = {
      status: res.status,
      headers: res.headers,
      body: parsed,
      text,
      requestId: res.headers.get('x-request-id'),
    };
    checkResponse(method, path, response);
    return response;
  };
  const keyOf = (label: string) => sandbox.key(label);
  return {
    sandbox,
    url: sandbox.url,
    keys: {
      business: keyOf('business read/write'),
      readOnly: keyOf('business read-only'),
      personal: keyOf('personal read/write'),
    },
    call,
    get: (path, key) => call('GET', path, key === undefined ? {} : { key }),
    post: (path, body, key, extra = {}) =>
      call('POST', path, { ...extra, ...(body === undefined ? {} : { body }), ...(key === undefined ? {} : { key }) }),
    // Control POSTs say they send JSON (the sandbox refuses others: see its Security model).
    control: (method, path, body) =>
      call(method, path, {
        ...(body === undefined ? {} : { body }),
        ...(method === 'POST' ? { headers: { 'Content-Type': 'application/json' } } : {}),
      }),
    async createAccount(spec) {
      const res = await call('POST', '/sandbox/accounts', { body: spec });
      if (res.status !== 201) throw new Error(`could not create account: ${res.text}`);
      return res.body as CreatedAccount;
    },
    async advance(ms) {
      const res = await call('POST', '/sandbox/clock/advance', { body: { ms } });
      if (res.status !== 200) throw new Error(res.text);
    },
    close: async () => {
      await sandbox.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const V2 = '/api/v2/billing';

/** Every item of a v2 list, following `nextCursor` page by page (100 a page). */
export async function listAll<T>(url: string, key: string, path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const query = `${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(`${url}${path}${query}`, { headers: { Authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { data: T[]; nextCursor: string | null };
    out.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}
export const DAY = 24 * 60 * 60 * 1000;

/** Minor-unit arithmetic for assertions on major-unit numbers. */
export const minor = (major: number) => Math.round(major * 100);

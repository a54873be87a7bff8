// startSandbox: one running sandbox for the CLI, tests, the client, the conformance kit and the docs.
// The composition root: it opens the store, builds the domain, the API and the control routes, and
// puts the HTTP server in front of them. Listens on 127.0.0.1 by default; `port: 0` picks a free port.
import type { Server } from 'node:http';
import { isIPv4 } from 'node:net';
import { createApi, type TestHooks } from './api/dispatch.js';
import { handlers } from './api/handlers.js';
import { parseRateLimit, type RateLimit, SharedBuckets, TokenBuckets } from './api/rate-limit.js';
import type { Responder } from './api/responder.js';
import { specCatalog } from './api/spec.js';
import { createControl } from './control/routes.js';
import { UnservableDatabaseError } from './db/migrations.js';
import { openPostgresStore } from './db/postgres.js';
import { openSqliteStore } from './db/sqlite.js';
import type { Store } from './db/store.js';
import { seedDemo } from './demo/seed.js';
import type { AccountSpec, CreatedAccount } from './domain/accounts.js';
import { DAY_MS, MAX_OFFSET_MS, SandboxClock } from './domain/clock.js';
import type { Domain } from './domain/context.js';
import { Ids } from './domain/ids.js';
import { settleDuePayments } from './domain/payments.js';
import { MAX_BODY_BYTES } from './http/body.js';
import { DEFAULT_CORS_ORIGINS, originMatcher } from './http/cors.js';
import { createLogger, type LogSink } from './http/logger.js';
import { createRequestListener } from './http/pipeline.js';
import { listen } from './http/server.js';

export type { AccountSpec, CreatedAccount };

export interface SandboxOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Makes demo ids and keys the same on every run. */
  seed?: number;
  /** SQLite file; in memory when absent (and no `database`). */
  data?: string;
  /** A PostgreSQL URL (`postgres://user@host:port/db`): the data lives there, shared by every sandbox using it. */
  database?: string;
  /** Create the demo data on an empty database (default true). */
  demo?: boolean;
  /** `100/60s` (default), a RateLimit, or false/'off' to disable. */
  rateLimit?: string | RateLimit | false;
  /** Card and checkout payments complete this long after they start (default 1000; 0 = at the next request). */
  paymentDelayMs?: number;
  /** Payment links expire after this many days (default 30). */
  linkTtlDays?: number;
  /** Allowed CORS origins (`*` = any port), default http://127.0.0.1:* and http://localhost:*. */
  corsOrigins?: string[];
  /** true: JSON lines to stdout; a function receives each line; false/absent: silent. */
  log?: boolean | LogSink;
  /** Base URL printed in payment and checkout URLs (default: the listening URL). */
  publicUrl?: string;
  /** Base of problem `type` URIs, `<docsUrl>/errors/<code>` (default: the spec's). */
  docsUrl?: string;
  /** More Host names the control endpoints answer to (besides the listening address and loopback names). */
  allowedHosts?: string[];
  /** When set, the control endpoints (but health) need `X-Sandbox-Token: <token>`. */
  controlToken?: string;
  /**
   * When set, what affects every account (`POST /sandbox/reset`, the default clock, test hooks for
   * all) needs `X-Sandbox-Admin-Token: <adminToken>`. Without one they are open on a loopback-only
   * sandbox and refused on any other.
   */
  adminToken?: string;
  /** Largest request body in bytes (default 1 MiB); larger ones are answered 413. */
  maxBodyBytes?: number;
}

export interface SandboxKey {
  label: string;
  key: string;
  accountId: string;
  scopes: string;
}

export interface RunningSandbox {
  url: string;
  /** Where the data lives: a SQLite file, the in-memory database, or a PostgreSQL URL (without password). */
  storage: string;
  /** Every API key, with its label (`business read/write`, `business read-only`, `personal read/write`, ...). */
  readonly keys: SandboxKey[];
  /** Shortcut: key by label. */
  key(label: string): string;
  clock: {
    now(): Date;
    iso(): string;
    /** Moves the default clock (under every account's) forward, stored with the data, and settles what became due. */
    advance(ms: number): Promise<void>;
  };
  /** Requests being handled right now. */
  readonly inFlight: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

const CLOCK_KEY = 'clock_offset_ms';

async function storedClockOffset(store: Store): Promise<number> {
  const stored = await store.read.meta.get(CLOCK_KEY);
  const offset = Number(stored ?? 0);
  if (!Number.isSafeInteger(offset) || Math.abs(offset) > MAX_OFFSET_MS) {
    throw new UnservableDatabaseError(
      `${store.where} holds a sandbox clock offset of ${stored} ms, which is no valid date; start on a new --data file`,
    );
  }
  return offset;
}

/** Whether an address to listen on is reachable from this machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

/** Names a Host header may carry to reach the control endpoints. */
function hostMatcher(host: string, port: number, extra: string[]): (header: string | undefined) => boolean {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  const names = new Set<string>();
  const wildcard = host === '0.0.0.0' || host === '::';
  for (const name of [...(wildcard ? loopback : [host]), ...(loopback.includes(host) ? loopback : [])])
    names.add(`${name}:${port}`.toLowerCase());
  for (const name of extra) names.add(name.toLowerCase());
  return (header) => header !== undefined && names.has(header.toLowerCase());
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const catalog = specCatalog();
  if (options.data !== undefined && options.database !== undefined)
    throw new UnservableDatabaseError('give a SQLite file (data) or a PostgreSQL database (database), not both');
  const store = options.database ? await openPostgresStore(options.database) : await openSqliteStore(options.data);
  let url = '';
  const clock = new SandboxClock(0);
  const domain: Domain = {
    clock,
    // Only the demo data comes from the seed: ids made while serving are random, so a restart on
    // the same --data file never makes an id that is already stored.
    ids: new Ids(undefined, () => clock.nowMs()),
    settings: {
      paymentDelayMs: options.paymentDelayMs ?? 1000,
      linkTtlMs: (options.linkTtlDays ?? 30) * DAY_MS,
      publicUrl: () => options.publicUrl?.replace(/\/+$/, '') ?? url,
    },
  };
  const demo = options.demo ?? true;
  const seed = () => seedDemo({ ...domain, ids: new Ids(options.seed, () => clock.nowMs()) }, store);
  let keys: SandboxKey[] = [];
  const refreshKeys = async () => {
    keys = (await store.read.keys.all()).map((k) => ({
      label: k.label,
      key: k.key,
      accountId: k.account_id,
      scopes: k.scopes,
    }));
  };
  try {
    clock.setOffset(await storedClockOffset(store));
    if (demo && !(await store.read.accounts.any())) await seed();
    await settleDuePayments(domain, store);
    await refreshKeys();
  } catch (error) {
    await store.close();
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(
      `cannot serve ${store.where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const rate =
    options.rateLimit === false
      ? undefined
      : typeof options.rateLimit === 'object'
        ? options.rateLimit
        : parseRateLimit(options.rateLimit ?? '100/60s');
  const limiter = rate ? (store.shared ? new SharedBuckets(rate, store) : new TokenBuckets(rate)) : undefined;
  const log = createLogger(options.log);
  const hooks: TestHooks = { latencyMs: new Map(), faults: new Set() };
  const saveClock = () => store.transaction((tx) => tx.meta.set(CLOCK_KEY, String(clock.offset)));
  const api = createApi({
    domain,
    store,
    catalog,
    handlers,
    hooks,
    limiter,
    problemTypeBase: options.docsUrl ? `${options.docsUrl.replace(/\/+$/, '')}/errors/` : catalog.problemTypeBase,
    owner: store.instance,
    logError: log,
  });
  let hostAllowed: (host: string | undefined) => boolean = () => false;
  const host = options.host ?? '127.0.0.1';
  const control = createControl({
    domain,
    store,
    hooks,
    token: options.controlToken,
    adminToken: options.adminToken,
    loopbackOnly: isLoopback(host),
    host,
    hostAllowed: (host) => hostAllowed(host),
    clearRateLimits: () => limiter?.clear(),
    saveClock,
    accountsChanged: refreshKeys,
    async reset() {
      await store.wipe();
      clock.setOffset(0);
      await saveClock();
      hooks.latencyMs.clear();
      hooks.faults.clear();
      if (demo) await seed();
      await refreshKeys();
      return { keys };
    },
  });
  const stats = { inFlight: 0 };
  // On a shared database another instance may have moved the default clock or wiped everything
  // since: each request then starts from the stored offset (one indexed read, as an account's clock
  // is read). When the read fails the request goes on with the last offset, and meets the database's
  // failure in its own handler, which answers it.
  const current = <R extends Responder>(responder: R): R =>
    store.shared
      ? {
          ...responder,
          async handle(request) {
            clock.setOffset(await storedClockOffset(store).catch(() => clock.offset));
            return responder.handle(request);
          },
        }
      : responder;
  const [apiResponder, controlResponder] = [current(api), current(control)];
  const listener = createRequestListener({
    route: (path) => (path.startsWith('/sandbox/') ? controlResponder : apiResponder),
    fallback: apiResponder,
    corsAllowed: originMatcher(options.corsOrigins ?? DEFAULT_CORS_ORIGINS),
    corsMethods: [...new Set(catalog.operations.map((o) => o.method.toUpperCase()))],
    log,
    logRequests: options.log !== undefined && options.log !== false,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    stats,
  });
  const listening = await listen(listener, options.port ?? 4010, options.host ?? '127.0.0.1').catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );
  url = listening.url;
  const publicHost = options.publicUrl && URL.canParse(options.publicUrl) ? new URL(options.publicUrl).host : undefined;
  hostAllowed = hostMatcher(options.host ?? '127.0.0.1', listening.address.port, [
    ...(publicHost ? [publicHost] : []),
    ...(options.allowedHosts ?? []),
  ]);
  log({ level: 'info', msg: 'listening', url });

  let closing: Promise<void> | undefined;
  return {
    url,
    storage: store.where,
    get keys() {
      return keys;
    },
    key(label: string) {
      const found = keys.find((k) => k.label === label);
      if (!found) throw new Error(`no key labelled ${label}`);
      return found.key;
    },
    clock: {
      now: () => clock.now(),
      iso: () => clock.iso(),
      async advance(ms) {
        clock.advance(ms);
        await saveClock();
        await settleDuePayments(domain, store);
      },
    },
    server: listening.server,
    get inFlight() {
      return stats.inFlight;
    },
    close: () =>
      (closing ??= (async () => {
        await listening.close();
        await store.close();
        log({ level: 'info', msg: 'stopped' });
      })()),
  };
}

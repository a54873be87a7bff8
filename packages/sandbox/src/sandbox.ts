// startSandbox: one running sandbox (database, clock, HTTP server) for the CLI, tests, the client,
// the conformance kit and the docs. Listens on 127.0.0.1 by default; `port: 0` picks a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v1Handlers } from './api/v1/handlers.js';
import { v2Handlers } from './api/v2/handlers.js';
import { DAY_MS, SandboxClock } from './clock.js';
import type { SandboxContext } from './context.js';
import { createControl } from './control/routes.js';
import { type Db, openDatabase, UnservableDatabaseError, wipe } from './db/database.js';
import { settleDuePayments } from './domain/payments.js';
import { DEFAULT_CORS_ORIGINS, originMatcher } from './http/cors.js';
import { createLogger, type LogSink } from './http/logger.js';
import { createRequestListener } from './http/pipeline.js';
import { Ids } from './ids.js';
import { parseRateLimit, type RateLimit, TokenBuckets } from './rate-limit.js';
import { listKeys, seedDemo } from './seed.js';
import { openapi, specCatalog } from './spec.js';

export interface SandboxOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Makes demo ids and keys the same on every run. */
  seed?: number;
  /** SQLite file; in memory when absent. */
  data?: string;
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
}

export interface SandboxKey {
  label: string;
  key: string;
  accountId: string;
  scopes: string;
}

export interface RunningSandbox {
  url: string;
  /** Every API key, with its label (`business read/write`, `business read-only`, `personal read/write`). */
  keys: SandboxKey[];
  /** Shortcut: key by label. */
  key(label: string): string;
  clock: SandboxClock;
  context: SandboxContext;
  /** Requests being handled right now. */
  readonly inFlight: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

/** The largest time a Date can hold (ms since the epoch). */
const MAX_DATE_MS = 8.64e15;

function storedClockOffset(db: Db, where: string): number {
  const stored = db.prepare(`SELECT value FROM meta WHERE key = 'clock_offset_ms'`).pluck().get() as string | undefined;
  const offset = Number(stored ?? 0);
  if (!Number.isSafeInteger(offset) || Math.abs(Date.now() + offset) >= MAX_DATE_MS) {
    throw new UnservableDatabaseError(
      `${where} holds a sandbox clock offset of ${stored} ms, which is no valid date; start on a new --data file`,
    );
  }
  return offset;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const catalog = specCatalog();
  const db = openDatabase(options.data);
  const where = options.data ?? 'the in-memory database';
  let storedOffset: number;
  try {
    storedOffset = storedClockOffset(db, where);
  } catch (error) {
    db.close();
    throw error;
  }
  const clock = new SandboxClock(storedOffset, (ms) =>
    db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(String(ms)),
  );
  let url = '';
  const now = () => clock.nowMs();
  const ctx: SandboxContext = {
    db,
    clock,
    // Only the demo data comes from the seed (demoIds below): ids made while serving are random, so
    // a restart on the same --data file never makes an id that is already stored.
    ids: new Ids(undefined, now),
    settings: {
      paymentDelayMs: options.paymentDelayMs ?? 1000,
      linkTtlMs: (options.linkTtlDays ?? 30) * DAY_MS,
      publicUrl: () => options.publicUrl?.replace(/\/+$/, '') ?? url,
    },
    hooks: { latencyMs: new Map(), faults: new Set() },
  };
  const demo = options.demo ?? true;
  const seed = () => seedDemo({ ...ctx, ids: new Ids(options.seed, now) });
  const empty = () => (db.prepare('SELECT COUNT(*) FROM accounts').pluck().get() as number) === 0;
  try {
    if (demo && empty()) seed();
    settleDuePayments(ctx);
  } catch (error) {
    db.close();
    if (error instanceof UnservableDatabaseError) throw error;
    throw new UnservableDatabaseError(
      `cannot serve ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const rate =
    options.rateLimit === false
      ? undefined
      : typeof options.rateLimit === 'object'
        ? options.rateLimit
        : parseRateLimit(options.rateLimit ?? '100/60s');
  const limiter = rate ? new TokenBuckets(rate) : undefined;
  const log = createLogger(options.log);
  const reset = () => {
    wipe(db);
    clock.setOffset(0);
    ctx.hooks.latencyMs.clear();
    ctx.hooks.faults.clear();
    if (demo) seed();
    return { keys: listKeys(ctx) };
  };
  const stats = { inFlight: 0 };
  const listener = createRequestListener({
    stats,
    ctx,
    catalog,
    handlers: { ...v2Handlers, ...v1Handlers },
    schemes: (openapi as unknown as { components: { securitySchemes: Record<string, never> } }).components
      .securitySchemes,
    limiter,
    log,
    logRequests: options.log !== undefined && options.log !== false,
    corsAllowed: originMatcher(options.corsOrigins ?? DEFAULT_CORS_ORIGINS),
    control: createControl({ ctx, reset, clearRateLimits: () => limiter?.clear() }),
  });
  const server = createServer({ keepAliveTimeout: 5000 }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  log({ level: 'info', msg: 'listening', url });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), 5000);
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.close(() => {
        clearTimeout(force);
        clearInterval(idle);
        db.close();
        log({ level: 'info', msg: 'stopped' });
        resolve();
      });
      server.closeIdleConnections();
    }));

  return {
    url,
    get keys() {
      return listKeys(ctx);
    },
    key(label: string) {
      const found = listKeys(ctx).find((k) => k.label === label);
      if (!found) throw new Error(`no key labelled ${label}`);
      return found.key;
    },
    clock,
    context: ctx,
    server,
    get inFlight() {
      return stats.inFlight;
    },
    close,
  };
}

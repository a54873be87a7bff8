// The sandbox's own control endpoints under `/sandbox/` (not part of the Billing API spec; documented
// in the package README): create accounts, read the outbox, complete a checkout; per account (with
// the account's API key) move its clock, reset it and set its test hooks (latency, faults); and what
// affects every account (wipe everything, move the default clock, hooks for all), which needs the
// admin token, or a sandbox that listens on loopback only. They guard themselves against other
// sites (see "Security model" in the README):
// - the Host header must be a name of this sandbox (its listening address, its loopback names, the
//   public URL's host, or a configured name): a DNS-rebound page cannot reach them;
// - a POST must send `Content-Type: application/json` (or the control token): a cross-site form or
//   `text/plain` fetch cannot, and a browser must ask first (a CORS preflight, allowed for the
//   configured origins only);
// - with a control token configured, every route but `health` needs it (`X-Sandbox-Token`);
// - every input is bounded (input.ts).
import { timingSafeEqual } from 'node:crypto';
import { hookKey, type TestHooks } from '../api/dispatch.js';
import type { BodyResult, HttpReply, HttpRequest, Refusal, Responder } from '../api/responder.js';
import type { KeyRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import { accountClock, saveAccountOffset } from '../domain/account-clock.js';
import { createResettableAccount, resetAccount } from '../domain/account-reset.js';
import type { AccountSpec } from '../domain/accounts.js';
import { MAX_OFFSET_MS, type SandboxClock } from '../domain/clock.js';
import type { Domain } from '../domain/context.js';
import { completeCheckout, settleDuePayments } from '../domain/payments.js';
import { type AdvanceInput, explain, inputs } from './input.js';

export interface ControlOptions {
  domain: Domain;
  store: Store;
  hooks: TestHooks;
  /** Wipes the data and restores the demo; returns every key. */
  reset(): Promise<{ keys: Array<Pick<KeyRow, 'label' | 'key' | 'scopes'> & { accountId: string }> }>;
  clearRateLimits(): void;
  /** Called after an account was created (the sandbox refreshes its list of keys). */
  accountsChanged(): Promise<void>;
  /** Persists the clock offset after a move. */
  saveClock(): Promise<void>;
  /** Whether a Host header names this sandbox. */
  hostAllowed(host: string | undefined): boolean;
  /** When set, every route but health needs `X-Sandbox-Token: <token>`. */
  token: string | undefined;
  /** When set, what affects every account needs `X-Sandbox-Admin-Token: <adminToken>`. */
  adminToken: string | undefined;
  /** Whether the sandbox listens on a loopback address only (then, without an admin token, admin routes are open). */
  loopbackOnly: boolean;
  /** The address it listens on, for the message that refuses an admin route. */
  host: string;
}

/** What affects every account: the admin token's (or a loopback-only sandbox's). */
const ADMIN_ROUTES = new Set([
  'POST /sandbox/reset',
  'POST /sandbox/clock/advance',
  'POST /sandbox/latency',
  'POST /sandbox/faults',
]);

const WORDS = new Set([
  'sandbox',
  'health',
  'reset',
  'accounts',
  'clock',
  'advance',
  'outbox',
  'checkout',
  'latency',
  'faults',
  'account',
]);

type Reply = { status: number; body: unknown };
const bad = (message: string): Reply => ({ status: 400, body: { error: 'bad_request', message } });
const notFound = (message: string): Reply => ({ status: 404, body: { error: 'not_found', message } });
const forbidden = (message: string): Reply => ({ status: 403, body: { error: 'forbidden', message } });
const unauthorized = (message: string): Reply => ({ status: 401, body: { error: 'unauthorized', message } });

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const isJson = (contentType: string | undefined) => {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return media === 'application/json' || media.endsWith('+json');
};

function objectBody(body: BodyResult): Record<string, unknown> | Reply {
  if (body.kind === 'none') return {};
  if (body.kind === 'too_large')
    return {
      status: 413,
      body: { error: 'payload_too_large', message: `the body is larger than ${body.limit} bytes` },
    };
  if (body.kind === 'invalid') return bad(`the body ${body.reason}`);
  const value = body.kind === 'json' ? body.value : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('the body must be a JSON object');
  return value as Record<string, unknown>;
}

const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

/** The hooks set for one account (keyed by operationId), or those for every account. */
function hooksOf<V>(entries: Array<[string, V]>, accountId?: string): Array<[string, V]> {
  const prefix = accountId === undefined ? undefined : hookKey(accountId, '');
  return entries.flatMap(([key, value]): Array<[string, V]> => {
    if (prefix === undefined) return key.includes(' ') ? [] : [[key, value]];
    return key.startsWith(prefix) ? [[key.slice(prefix.length), value]] : [];
  });
}

/** An API key sent the API's ways: `Authorization: Bearer <key>` (v2) or `X-API-Key` (v1). */
function apiKeyOf(headers: HttpRequest['headers']): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(typeof headers.authorization === 'string' ? headers.authorization : '');
  if (bearer) return bearer[1];
  return typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
}

/** Test hooks of one kind one account (or the admin) may hold: more than the API has operations. */
const MAX_HOOKS = 100;
const tooMany = () => bad(`at most ${MAX_HOOKS} hooks of a kind at a time: remove some first`);

/** Milliseconds of an advance body, or a reply saying what is wrong. */
function advanceMs(given: Record<string, unknown>, clock: SandboxClock): number | Reply {
  if (!inputs.advance(given)) return bad(explain(inputs.advance.errors));
  const by = given as AdvanceInput;
  const ms = Math.round(
    (by.ms ?? 0) + (by.seconds ?? 0) * 1000 + (by.minutes ?? 0) * 60_000 + (by.days ?? 0) * 86_400_000,
  );
  if (ms <= 0) return bad('give a positive ms, seconds, minutes or days');
  if (!clock.canAdvance(ms))
    return bad(`the clock can move at most ${Math.floor((MAX_OFFSET_MS - clock.offset) / 86_400_000)} more days`);
  return ms;
}

export function createControl(options: ControlOptions): Responder {
  const { domain, store } = options;

  /** Undefined when the request may do what affects every account; else why not. */
  function adminRefusal(request: HttpRequest, route: string): Reply | undefined {
    const given = request.headers['x-sandbox-admin-token'];
    if (options.adminToken !== undefined) {
      if (given === undefined)
        return unauthorized(`${route} affects every account: send the admin token as X-Sandbox-Admin-Token`);
      return sameToken(given, options.adminToken)
        ? undefined
        : forbidden("the X-Sandbox-Admin-Token is not this sandbox's admin token");
    }
    if (options.loopbackOnly) return undefined;
    return forbidden(
      `${route} affects every account, and this sandbox listens on ${options.host}, beyond this machine: start it with --admin-token <secret> and send X-Sandbox-Admin-Token: <secret> (an account's own clock and reset are under /sandbox/account/, with its API key)`,
    );
  }

  /** The account whose API key the request carries, or why it cannot act for one. */
  async function callingAccount(request: HttpRequest, write: boolean): Promise<{ id: string } | Reply> {
    const key = apiKeyOf(request.headers);
    if (key === undefined)
      return unauthorized("send the account's API key as Authorization: Bearer <key> (or X-API-Key: <key>)");
    const found = await store.read.keys.account(key);
    if (!found) return unauthorized('the API key is not a key of this sandbox');
    if (write && !found.scopes.split(' ').includes('write:billing'))
      return forbidden('this needs an API key with the write:billing scope');
    return { id: found.account.id };
  }

  /** Moves `clock` by the body's span; `save` stores the new offset; then settles what became due. */
  async function advance(
    given: Record<string, unknown>,
    clock: SandboxClock,
    save: (offset: number) => Promise<void>,
    only?: string,
  ): Promise<Reply> {
    const ms = advanceMs(given, clock);
    if (isReply(ms)) return ms;
    clock.advance(ms);
    await save(clock.offset);
    const settledPayments = await settleDuePayments(
      domain,
      store,
      only === undefined ? undefined : { accountId: only, clock },
    );
    return { status: 200, body: { now: clock.iso(), offsetMs: clock.offset, settledPayments } };
  }

  async function accountRoute(
    request: HttpRequest,
    route: string,
    body: () => Promise<Record<string, unknown> | Reply>,
  ): Promise<Reply | undefined> {
    const write = request.method === 'POST';
    if (
      ![
        'GET /sandbox/account/clock',
        'POST /sandbox/account/clock/advance',
        'POST /sandbox/account/reset',
        'POST /sandbox/account/latency',
        'POST /sandbox/account/faults',
      ].includes(route)
    )
      return undefined;
    const account = await callingAccount(request, write);
    if (isReply(account)) return account;
    const given = await body();
    if (isReply(given)) return given;
    const clock = await accountClock(domain, store.read.meta, account.id);
    const clockOf = (c: SandboxClock) => {
      // Both times of one instant: read apart, they could differ by the milliseconds in between.
      const nowMs = c.nowMs();
      const offsetMs = c.offset - domain.clock.offset;
      return {
        accountId: account.id,
        now: new Date(nowMs).toISOString(),
        offsetMs,
        defaultNow: new Date(nowMs - offsetMs).toISOString(),
      };
    };
    if (route === 'GET /sandbox/account/clock') return { status: 200, body: clockOf(clock) };
    if (route === 'POST /sandbox/account/clock/advance') {
      const moved = await advance(
        given,
        clock,
        (offset) => store.transaction((tx) => saveAccountOffset(tx, account.id, offset - domain.clock.offset)),
        account.id,
      );
      if (moved.status !== 200) return moved;
      return {
        status: 200,
        body: { ...clockOf(clock), settledPayments: (moved.body as { settledPayments: number }).settledPayments },
      };
    }
    if (route === 'POST /sandbox/account/reset') {
      const made = await store.transaction((tx) => resetAccount({ ...domain, tx }, account.id));
      if (!made)
        return {
          status: 409,
          body: {
            error: 'not_resettable',
            message:
              'this is a demo account, shared by everyone with the demo keys: create your own with POST /sandbox/accounts (which can be reset), or restore the whole demo with POST /sandbox/reset',
          },
        };
      for (const [key] of hooksOf([...options.hooks.latencyMs], account.id))
        options.hooks.latencyMs.delete(hookKey(account.id, key));
      for (const [key] of hooksOf(
        [...options.hooks.faults].map((f) => [f, true]),
        account.id,
      ))
        options.hooks.faults.delete(hookKey(account.id, key));
      await options.accountsChanged();
      return { status: 200, body: made };
    }
    if (route === 'POST /sandbox/account/latency') return setLatency(given, account.id);
    return setFault(given, account.id);
  }

  function setLatency(given: Record<string, unknown>, accountId?: string): Reply {
    if (!inputs.latency(given)) return bad(explain(inputs.latency.errors));
    const operation = given.operationId ?? '*';
    const key = accountId === undefined ? operation : hookKey(accountId, operation);
    const held = hooksOf([...options.hooks.latencyMs], accountId).length;
    if (given.ms !== 0 && !options.hooks.latencyMs.has(key) && held >= MAX_HOOKS) return tooMany();
    if (given.ms === 0) options.hooks.latencyMs.delete(key);
    else options.hooks.latencyMs.set(key, given.ms);
    return { status: 200, body: { latencyMs: Object.fromEntries(hooksOf([...options.hooks.latencyMs], accountId)) } };
  }

  function setFault(given: Record<string, unknown>, accountId?: string): Reply {
    if (!inputs.fault(given)) return bad(explain(inputs.fault.errors));
    const key = accountId === undefined ? given.operationId : hookKey(accountId, given.operationId);
    const held = hooksOf(
      [...options.hooks.faults].map((f) => [f, true]),
      accountId,
    ).length;
    if (given.enabled !== false && !options.hooks.faults.has(key) && held >= MAX_HOOKS) return tooMany();
    if (given.enabled === false) options.hooks.faults.delete(key);
    else options.hooks.faults.add(key);
    return {
      status: 200,
      body: {
        faults: hooksOf(
          [...options.hooks.faults].map((f) => [f, true]),
          accountId,
        ).map(([f]) => f),
      },
    };
  }

  async function route(request: HttpRequest): Promise<Reply> {
    const method = request.method;
    const path = request.target.pathname.replace(/\/+$/, '');
    if (!options.hostAllowed(request.headers.host))
      return forbidden(`Host ${JSON.stringify(request.headers.host ?? '')} is not a name of this sandbox`);
    const route = `${method} ${path}`;
    if (route === 'GET /sandbox/health') return { status: 200, body: { ok: true, now: domain.clock.iso() } };
    const tokened = options.token !== undefined && sameToken(request.headers['x-sandbox-token'], options.token);
    if (options.token !== undefined && !tokened) return forbidden('send the control token as X-Sandbox-Token');
    if (method === 'POST' && !tokened && !isJson(request.headers['content-type']))
      return {
        status: 415,
        body: { error: 'unsupported_media_type', message: 'control POSTs take Content-Type: application/json' },
      };
    const body = async () => (method === 'POST' ? objectBody(await request.body()) : {});

    const own = await accountRoute(request, route, body);
    if (own) return own;
    const admin = ADMIN_ROUTES.has(route) ? adminRefusal(request, route) : undefined;
    if (admin) return admin;
    if (route === 'POST /sandbox/reset') {
      const given = await body();
      if (isReply(given)) return given;
      options.clearRateLimits();
      return { status: 200, body: await options.reset() };
    }
    if (route === 'POST /sandbox/accounts') {
      const given = await body();
      if (isReply(given)) return given;
      if (!inputs.account(given)) return bad(explain(inputs.account.errors));
      const spec = given as AccountSpec;
      const created = await store.transaction((tx) => createResettableAccount({ ...domain, tx }, spec));
      await options.accountsChanged();
      return { status: 201, body: created };
    }
    if (route === 'GET /sandbox/clock')
      return { status: 200, body: { now: domain.clock.iso(), offsetMs: domain.clock.offset } };
    if (route === 'POST /sandbox/clock/advance') {
      const given = await body();
      if (isReply(given)) return given;
      return advance(given, domain.clock, () => options.saveClock());
    }
    if (route === 'GET /sandbox/outbox') {
      // Emails of payments that are due (of the account asked about, on its own clock too).
      await settleDuePayments(domain, store);
      const of = request.target.searchParams.get('accountId');
      if (of)
        await settleDuePayments(domain, store, {
          accountId: of,
          clock: await accountClock(domain, store.read.meta, of),
        });
      const emails = await store.read.outbox.list({
        accountId: request.target.searchParams.get('accountId'),
        invoiceId: request.target.searchParams.get('invoiceId'),
      });
      return {
        status: 200,
        body: {
          emails: emails.map((e) => ({
            id: e.id,
            accountId: e.account_id,
            recipient: e.recipient,
            subject: e.subject,
            template: e.template,
            invoiceId: e.invoice_id,
            createdAt: e.created_at,
          })),
        },
      };
    }
    const checkout = /^GET \/sandbox\/checkout\/(cs_[0-9a-f]{32})$/.exec(route);
    if (checkout) {
      const sessionId = checkout[1]!;
      const payment = await store.read.payments.bySession(sessionId);
      const clock = payment ? await accountClock(domain, store.read.meta, payment.account_id) : domain.clock;
      const result = await store.transaction((tx) => completeCheckout({ ...domain, clock, tx }, sessionId));
      if (!result) return notFound('no checkout session has this id');
      return { status: 200, body: { sessionId, status: 'completed', invoiceId: result.invoiceId } };
    }
    if (route === 'POST /sandbox/latency') {
      const given = await body();
      if (isReply(given)) return given;
      return setLatency(given);
    }
    if (route === 'POST /sandbox/faults') {
      const given = await body();
      if (isReply(given)) return given;
      return setFault(given);
    }
    return notFound(`no control endpoint ${method} ${path}`);
  }

  const reply = (requestId: string, path: string, result: Reply): HttpReply => ({
    status: result.status,
    requestId,
    body: JSON.stringify(result.body),
    logPath: path
      .split('/')
      .map((s) => (s === '' || WORDS.has(s) ? s : '[redacted]'))
      .join('/'),
  });

  return {
    async handle(request) {
      const requestId = domain.ids.requestIdV2();
      if (request.method === 'OPTIONS')
        return { ...reply(requestId, request.target.pathname, { status: 204, body: '' }), body: undefined };
      return reply(requestId, request.target.pathname, await route(request));
    },
    refuse(request, _why: Refusal) {
      return reply(domain.ids.requestIdV2(), request.path ?? '/', {
        status: 500,
        body: { error: 'internal_error', message: 'Something went wrong on our side.' },
      });
    },
  };
}

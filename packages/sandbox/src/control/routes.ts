// The sandbox's own control endpoints under `/sandbox/` (not part of the Billing API spec; documented
// in the package README): reset, create accounts, move the clock, read the outbox, complete a
// checkout, and test hooks (latency, faults). They need no API key, so they guard themselves
// against other sites (see "Security model" in the README):
// - the Host header must be a name of this sandbox (its listening address, its loopback names, the
//   public URL's host, or a configured name): a DNS-rebound page cannot reach them;
// - a POST must send `Content-Type: application/json` (or the control token): a cross-site form or
//   `text/plain` fetch cannot, and a browser must ask first (a CORS preflight, allowed for the
//   configured origins only);
// - with a control token configured, every route but `health` needs it (`X-Sandbox-Token`);
// - every input is bounded (input.ts).
import { timingSafeEqual } from 'node:crypto';
import type { TestHooks } from '../api/dispatch.js';
import type { BodyResult, HttpReply, HttpRequest, Refusal, Responder } from '../api/responder.js';
import type { KeyRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import { type AccountSpec, createAccount } from '../domain/accounts.js';
import { MAX_OFFSET_MS } from '../domain/clock.js';
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
}

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
]);

type Reply = { status: number; body: unknown };
const bad = (message: string): Reply => ({ status: 400, body: { error: 'bad_request', message } });
const notFound = (message: string): Reply => ({ status: 404, body: { error: 'not_found', message } });
const forbidden = (message: string): Reply => ({ status: 403, body: { error: 'forbidden', message } });

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

export function createControl(options: ControlOptions): Responder {
  const { domain, store } = options;

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
      const created = await store.transaction((tx) => createAccount({ ...domain, tx }, spec));
      await options.accountsChanged();
      return { status: 201, body: created };
    }
    if (route === 'GET /sandbox/clock')
      return { status: 200, body: { now: domain.clock.iso(), offsetMs: domain.clock.offset } };
    if (route === 'POST /sandbox/clock/advance') {
      const given = await body();
      if (isReply(given)) return given;
      if (!inputs.advance(given)) return bad(explain(inputs.advance.errors));
      const by = given as AdvanceInput;
      const ms = Math.round(
        (by.ms ?? 0) + (by.seconds ?? 0) * 1000 + (by.minutes ?? 0) * 60_000 + (by.days ?? 0) * 86_400_000,
      );
      if (ms <= 0) return bad('give a positive ms, seconds, minutes or days');
      if (!domain.clock.canAdvance(ms))
        return bad(
          `the clock can move at most ${Math.floor((MAX_OFFSET_MS - domain.clock.offset) / 86_400_000)} more days`,
        );
      domain.clock.advance(ms);
      await options.saveClock();
      const settledPayments = await settleDuePayments(domain, store);
      return { status: 200, body: { now: domain.clock.iso(), offsetMs: domain.clock.offset, settledPayments } };
    }
    if (route === 'GET /sandbox/outbox') {
      await settleDuePayments(domain, store); // emails of payments that are due
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
      const result = await store.transaction((tx) => completeCheckout({ ...domain, tx }, sessionId));
      if (!result) return notFound('no checkout session has this id');
      return { status: 200, body: { sessionId, status: 'completed', invoiceId: result.invoiceId } };
    }
    if (route === 'POST /sandbox/latency') {
      const given = await body();
      if (isReply(given)) return given;
      if (!inputs.latency(given)) return bad(explain(inputs.latency.errors));
      const key = given.operationId ?? '*';
      if (given.ms === 0) options.hooks.latencyMs.delete(key);
      else options.hooks.latencyMs.set(key, given.ms);
      return { status: 200, body: { latencyMs: Object.fromEntries(options.hooks.latencyMs) } };
    }
    if (route === 'POST /sandbox/faults') {
      const given = await body();
      if (isReply(given)) return given;
      if (!inputs.fault(given)) return bad(explain(inputs.fault.errors));
      if (given.enabled === false) options.hooks.faults.delete(given.operationId);
      else options.hooks.faults.add(given.operationId);
      return { status: 200, body: { faults: [...options.hooks.faults] } };
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

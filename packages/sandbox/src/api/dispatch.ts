// The API's request pipeline, in the order a request meets it: route match (from the spec),
// authentication and scope (from the operation's security requirement), rate limit, settlement of
// due payments, body and request validation (from the spec), idempotency (v2 POSTs that declare
// Idempotency-Key), the handler inside one store transaction, and one rendering path per version
// for every success and every error, so no stack trace ever reaches a client.
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationId } from '@billing-api/types';
import { FIELD_FINDING_CODES, type Finding } from '@billing-api/validation';
import type { AccountRow } from '../db/rows.js';
import type { Store, Tx } from '../db/store.js';
import { accountClock } from '../domain/account-clock.js';
import type { SandboxClock } from '../domain/clock.js';
import type { Domain } from '../domain/context.js';
import { settleDuePayments } from '../domain/payments.js';
import { RuleError } from '../domain/rules.js';
import { authenticate, challenge, howToAuthenticate } from './auth.js';
import type { HandlerTable } from './contract.js';
import { ApiError, type FieldError } from './errors.js';
import * as idempotency from './idempotency.js';
import type { RateDecision, RateLimiter } from './rate-limit.js';
import type { HttpReply, HttpRequest, Refusal, Responder } from './responder.js';
import type { SpecCatalog } from './spec.js';
import { errorBody, v1ErrorFor } from './v1/errors.js';
import { problemBody, problemFor } from './v2/problems.js';

export interface TestHooks {
  /**
   * Extra wait (ms) before an operation's handler runs, per operationId or '*' for all; set for one
   * account, the key is `hookKey(accountId, operationId)`.
   */
  latencyMs: Map<string, number>;
  /** operationIds (or `hookKey(accountId, operationId)`) whose handler throws (to exercise the documented 500). */
  faults: Set<string>;
}

/** The key of a test hook set for one account only. */
export const hookKey = (accountId: string, operationId: string) => `${accountId} ${operationId}`;

function latencyOf(hooks: TestHooks, accountId: string | undefined, operationId: string): number {
  const own = accountId === undefined ? [] : [hookKey(accountId, operationId), hookKey(accountId, '*')];
  for (const key of [...own, operationId, '*']) {
    const ms = hooks.latencyMs.get(key);
    if (ms !== undefined) return ms;
  }
  return 0;
}

const faulty = (hooks: TestHooks, accountId: string | undefined, operationId: string) =>
  hooks.faults.has(operationId) || (accountId !== undefined && hooks.faults.has(hookKey(accountId, operationId)));

export interface ApiOptions {
  domain: Domain;
  store: Store;
  catalog: SpecCatalog;
  handlers: HandlerTable;
  hooks: TestHooks;
  limiter: RateLimiter | undefined;
  /** Base URL of problem `type` URIs: `<base><code>`. */
  problemTypeBase: string;
  /** This process, as the owner of the idempotency keys it runs. */
  owner: string;
  logError(line: Record<string, unknown>): void;
}

type Version = 'v1' | 'v2';

const FIELD_CODES = new Set<string>(FIELD_FINDING_CODES);
const INTERNAL = {
  v2: 'Something went wrong on our side. Retry later and quote the requestId if it persists.',
  v1: 'Something went wrong; retry later and quote the requestId',
};

/** What a finding says about its field, without the pointer (`must be at most 100`). */
function says(f: Finding): string {
  const rest = f.message.startsWith(`${f.pointer} `) ? f.message.slice(f.pointer.length + 1) : f.message;
  return f.pointer === '/' && rest.startsWith('is ') ? `the body ${rest}` : rest;
}

function fieldErrors(findings: Finding[]): FieldError[] {
  return findings.map((f) => ({
    pointer: f.pointer,
    detail: says(f),
    code: (FIELD_CODES.has(f.code) ? f.code : 'invalid_value') as FieldError['code'],
  }));
}

/** v1 names the field in its message: `/amount` -> `amount`, `/path/id` -> `path parameter id`. */
function v1Field(pointer: string): string {
  const m = /^\/(path|query|header)\/(.+)$/.exec(pointer);
  if (m) return `${m[1]} parameter ${m[2]}`;
  return pointer.slice(1).replaceAll('/', '.');
}

function invalidRequest(version: Version, findings: Finding[]): ApiError {
  if (version === 'v2')
    return new ApiError('invalid_request', 'The request failed validation; see errors.', {
      errors: fieldErrors(findings),
    });
  const parts = findings.map((f) => (f.pointer === '/' ? says(f) : `${v1Field(f.pointer)} ${says(f)}`));
  return new ApiError('BAD_REQUEST', `Invalid request: ${parts.join('; ')}`);
}

function bodyFinding(operation: string, reason: string): Finding {
  return {
    operation,
    location: 'body',
    pointer: '/',
    code: 'invalid_type',
    expected: 'JSON',
    actual: '',
    message: `/ ${reason}`,
  };
}

const isEmptyObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

function rateHeaders(decision: RateDecision | undefined): Record<string, string> {
  if (!decision) return {};
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': new Date(decision.resetAtMs).toISOString(),
  };
}

/** A path for the log with nothing secret in it: the spec's own words, everything else redacted. */
export function redactedPath(path: string, words: ReadonlySet<string>): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || words.has(segment) ? segment : '[redacted]'))
    .join('/');
}

export const versionOf = (path: string): Version => (path.startsWith('/api/v2/') ? 'v2' : 'v1');

interface State {
  version: Version;
  requestId: string;
  path: string;
  logPath: string;
  operationId?: string;
  rate?: RateDecision;
  /** The clock of the account the request acts for (the default clock until it is known). */
  clock?: SandboxClock;
}

type AnyHandler = (call: unknown) => Promise<{ status: number; body: unknown }>;

export function createApi(options: ApiOptions): Responder {
  const { domain, store, catalog } = options;
  const validator = catalog.validator;
  const statusText = (status: number) => STATUS_CODES[status] ?? 'Error';

  function toApiError(error: unknown, state: State): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof RuleError)
      return state.version === 'v2'
        ? problemFor(error.rule, error.facts)
        : v1ErrorFor(error.rule, error.facts, state.operationId ?? '', catalog);
    options.logError({
      level: 'error',
      msg: 'unhandled error',
      operationId: state.operationId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return internal(state.version);
  }

  function internal(version: Version): ApiError {
    return new ApiError(version === 'v2' ? 'internal_error' : 'INTERNAL_ERROR', INTERNAL[version], { status: 500 });
  }

  function render(state: State, status: number, body: unknown, contentType = 'application/json'): HttpReply {
    const payload =
      state.version === 'v1' && status < 300
        ? { success: true, timestamp: (state.clock ?? domain.clock).iso(), requestId: state.requestId, data: body }
        : body;
    return {
      status,
      requestId: state.requestId,
      body: JSON.stringify(payload),
      contentType,
      headers: rateHeaders(state.rate),
      logPath: state.logPath,
      ...(state.operationId ? { operationId: state.operationId } : {}),
    };
  }

  function renderError(error: ApiError, state: State): HttpReply {
    let status = error.options.status ?? catalog.statusOf(state.operationId, error.code);
    let shown = error;
    if (status === undefined) {
      options.logError({
        level: 'error',
        msg: 'error code not documented for operation',
        operationId: state.operationId,
        code: error.code,
      });
      shown = internal(state.version);
      status = 500;
    }
    const timestamp = (state.clock ?? domain.clock).iso();
    const reply =
      state.version === 'v2'
        ? render(
            state,
            status,
            problemBody(shown, {
              status,
              title: catalog.problemTitle(shown.code) ?? statusText(status),
              typeBase: options.problemTypeBase,
              instance: state.path,
              requestId: state.requestId,
              timestamp,
            }),
            'application/problem+json',
          )
        : render(
            state,
            status,
            errorBody(shown, { status, reason: statusText(status), requestId: state.requestId, timestamp }),
          );
    return { ...reply, headers: { ...reply.headers, ...(shown.options.headers ?? {}) } };
  }

  /** The account of a payment link's invoice (public operations act for it); none for an unknown link. */
  async function linkAccount(uuid: string | undefined): Promise<string | undefined> {
    const link = uuid === undefined ? undefined : await store.read.links.get(uuid);
    return link && (await store.read.invoices.get(link.invoice_id))?.account_id;
  }

  async function run(request: HttpRequest, state: State): Promise<HttpReply> {
    const path = request.target.pathname;
    // HEAD is GET without the body (node:http leaves the body out of a HEAD response).
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const match = validator.matchOperation(method, path);
    if (!match) {
      const what = validator.hasPath(path)
        ? `${method} is not an operation of ${path}`
        : `No operation matches ${method} ${path}`;
      throw state.version === 'v2'
        ? new ApiError('not_found', `${what}.`, { status: 404 })
        : new ApiError('NOT_FOUND', what, { status: 404 });
    }
    const operationId = match.operationId;
    state.operationId = operationId;
    state.logPath = match.pathTemplate;
    const entry = catalog.operation(operationId)!;
    const auth = await authenticate(
      store.read,
      catalog.securitySchemes,
      entry.security,
      request.headers,
      request.target.searchParams,
    );
    // The account the request acts for: the key's, or on a public payment-link operation the link's.
    const actingId = auth.ok && auth.account ? auth.account.id : await linkAccount(match.pathParams.uuid);
    const clock = actingId === undefined ? domain.clock : await accountClock(domain, store.read.meta, actingId);
    state.clock = clock;
    if (options.limiter) {
      // A known key has its own bucket; public operations and missing or unknown keys share the
      // client address's, so guessing keys is limited like any other request.
      const bucket = auth.ok && auth.key ? `key:${auth.key}` : `ip:${request.remoteAddress}`;
      const decision = await options.limiter.take(bucket, clock.nowMs());
      state.rate = decision;
      if (!decision.allowed) {
        const detail = `Rate limit of ${decision.limit} requests per ${options.limiter.window} exceeded; retry after ${decision.retryAfterSeconds} seconds.`;
        const headers = { 'Retry-After': String(decision.retryAfterSeconds) };
        throw state.version === 'v2'
          ? new ApiError('rate_limited', detail, { headers })
          : new ApiError('RATE_LIMITED', detail, { headers, retryAfter: decision.retryAfterSeconds });
      }
    }
    if (!auth.ok && auth.status === 401) {
      throw new ApiError(state.version === 'v2' ? 'unauthorized' : 'UNAUTHORIZED', howToAuthenticate(auth.scheme), {
        headers: { 'WWW-Authenticate': challenge(auth.scheme) },
      });
    }
    if (!auth.ok) {
      throw state.version === 'v2'
        ? new ApiError('insufficient_scope', `This operation needs an API key with the ${auth.scope} scope.`)
        : new ApiError('FORBIDDEN', `This API key lacks the ${auth.scope} scope`);
    }
    const account: AccountRow | undefined = auth.account;
    await settleDuePayments(domain, store);
    if (actingId !== undefined && clock.offset !== domain.clock.offset)
      await settleDuePayments(domain, store, { accountId: actingId, clock });

    const takesBody = match.operation.requestBody !== 'none';
    let raw = method === 'GET' ? ({ kind: 'none' } as const) : await request.body();
    // An empty object to an action that takes no body says nothing: it is no body.
    if (!takesBody && raw.kind === 'json' && isEmptyObject(raw.value)) raw = { kind: 'none' };
    if (raw.kind === 'too_large' && !takesBody)
      throw invalidRequest(state.version, [
        bodyFinding(operationId, 'is sent to an action that takes no request body'),
      ]);
    if (raw.kind === 'too_large') {
      throw state.version === 'v2'
        ? new ApiError('payload_too_large', `The request body is larger than ${raw.limit} bytes.`, { status: 413 })
        : new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${raw.limit} bytes`, { status: 413 });
    }
    if (raw.kind === 'invalid') throw invalidRequest(state.version, [bodyFinding(operationId, raw.reason)]);
    const body = raw.kind === 'json' ? raw.value : raw.kind === 'other' ? raw.text : undefined;
    const checked = validator.validateRequest({
      method,
      path,
      query: request.target.searchParams,
      headers: request.headers,
      body,
      ...(raw.kind === 'json' || raw.kind === 'other' ? { contentType: raw.contentType } : {}),
    });
    if (checked.findings.length > 0) throw invalidRequest(state.version, checked.findings);

    const handler = options.handlers[operationId as OperationId] as unknown as AnyHandler;
    const execute = async (tx: Tx) => {
      if (faulty(options.hooks, actingId, operationId)) throw new Error(`fault injected into ${operationId}`);
      const reply = await handler({
        ctx: { ...domain, clock, tx },
        catalog,
        account,
        params: checked.params,
        body: checked.body,
        operationId,
        requestId: state.requestId,
      });
      return render(state, reply.status, reply.body);
    };
    const delay = latencyOf(options.hooks, actingId, operationId);
    const idempotencyKey =
      state.version === 'v2' && account && match.operation.headerParameters.includes('Idempotency-Key')
        ? checked.params.header['Idempotency-Key']
        : undefined;
    if (method === 'GET') {
      if (delay > 0) await sleep(delay);
      return execute(store.read);
    }
    if (typeof idempotencyKey !== 'string' || !account) {
      if (delay > 0) await sleep(delay);
      return store.transaction(execute);
    }

    const use: idempotency.KeyUse = {
      accountId: account.id,
      key: idempotencyKey,
      operationId,
      fingerprint: idempotency.fingerprint(operationId, path, body),
      requestId: state.requestId,
    };
    // A request held before its handler stores its "running" row first, so a repeat meanwhile is in
    // progress; any other runs the check, the effect and the stored response in one transaction.
    const held = delay > 0;
    const answer = (started: Exclude<idempotency.Begin, { kind: 'execute' }>): HttpReply => {
      if (started.kind === 'conflict') {
        const detail =
          started.code === 'idempotency_key_reused'
            ? 'This Idempotency-Key was already used with a different request body.'
            : 'A request with this Idempotency-Key is still being processed; retry when it has finished.';
        throw new ApiError(started.code, detail);
      }
      const { response } = started;
      return {
        status: response.status,
        requestId: response.requestId,
        body: response.body,
        contentType: response.contentType,
        headers: { ...rateHeaders(state.rate), 'Idempotent-Replayed': 'true' },
        logPath: state.logPath,
        operationId,
      };
    };
    if (held) {
      const started = await idempotency.begin(store, clock, options.owner, use);
      if (started.kind !== 'execute') return answer(started);
      await sleep(delay);
    }
    let outcome: Exclude<idempotency.Begin, { kind: 'execute' }> | HttpReply;
    try {
      // The effect and the stored response commit together, or neither does.
      outcome = await store.transaction(async (tx) => {
        const mine = held && (await idempotency.stillHeld(tx, options.owner, use));
        const started = mine ? undefined : await idempotency.check(tx, clock, options.owner, use);
        if (started && started.kind !== 'execute') return started;
        const done = await execute(tx);
        if (started) await idempotency.complete(tx, started.pending, remembered(done));
        else await idempotency.finish(tx, use, remembered(done));
        return done;
      });
    } catch (error) {
      const failed = renderError(toApiError(error, state), state);
      outcome = failed;
      // A broken rule changed nothing (its transaction rolled back) and is remembered; a fault is not.
      if (failed.status >= 500) {
        if (held) await idempotency.abandon(store, options.owner, use);
      } else {
        // The key's row rolled back with the effect: a repeat may have taken the key meanwhile, and
        // then the key answers what it holds.
        const started = await store.transaction(async (tx) => {
          if (held && (await idempotency.stillHeld(tx, options.owner, use))) {
            await idempotency.finish(tx, use, remembered(failed));
            return undefined;
          }
          const now = await idempotency.check(tx, clock, options.owner, use);
          if (now.kind !== 'execute') return now;
          await idempotency.complete(tx, now.pending, remembered(failed));
          return undefined;
        });
        if (started) outcome = started;
      }
    }
    return 'kind' in outcome ? answer(outcome) : outcome;
  }

  return {
    async handle(request) {
      const path = request.target.pathname;
      const version = versionOf(path);
      const state: State = {
        version,
        requestId: version === 'v2' ? domain.ids.requestIdV2() : domain.ids.requestIdV1(),
        path,
        logPath: redactedPath(path, catalog.pathWords),
      };
      if (request.method === 'OPTIONS') return { status: 204, requestId: state.requestId, logPath: state.logPath };
      try {
        return await run(request, state);
      } catch (error) {
        return renderError(toApiError(error, state), state);
      }
    },
    refuse(request, why: Refusal) {
      const path = request.path ?? '/';
      const version = versionOf(path);
      const state: State = {
        version,
        requestId: version === 'v2' ? domain.ids.requestIdV2() : domain.ids.requestIdV1(),
        path: request.path ?? '/',
        logPath: redactedPath(path, catalog.pathWords),
      };
      if (why === 'crash') return renderError(internal(version), state);
      const what = 'The request target is not a path this server can read';
      return renderError(
        version === 'v2'
          ? new ApiError('not_found', `${what}.`, { status: 404 })
          : new ApiError('NOT_FOUND', what, { status: 404 }),
        state,
      );
    },
  };
}

function remembered(reply: HttpReply): { status: number; contentType: string; body: string } {
  return { status: reply.status, contentType: reply.contentType ?? 'application/json', body: reply.body ?? '' };
}

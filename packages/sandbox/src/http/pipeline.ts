// The request pipeline, in the order a request meets it: request id and CORS, route match (from the
// spec), authentication and scope (from the operation's security requirement), rate limit, body and
// request validation (from the spec), idempotency (v2 POSTs that declare Idempotency-Key), the
// handler, and one rendering path for every error so no stack trace ever reaches a client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIELD_FINDING_CODES, type Finding } from '@billing-api/validation';
import type { Handler } from '../api/types.js';
import { v1ErrorFor } from '../api/v1/errors.js';
import { problemFor } from '../api/v2/problems.js';
import { authenticate, challenge, howToAuthenticate } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { InvalidCursorError } from '../domain/lists.js';
import { settleDuePayments } from '../domain/payments.js';
import type { AccountRow } from '../domain/rows.js';
import { RuleError } from '../domain/rules.js';
import * as idempotency from '../idempotency.js';
import type { RateDecision, TokenBuckets } from '../rate-limit.js';
import type { SpecCatalog } from '../spec.js';
import { readBody } from './body.js';
import { corsHeaders } from './cors.js';
import { ApiError, type FieldError } from './errors.js';
import { type LogSink, redactPath } from './logger.js';

export interface App {
  ctx: SandboxContext;
  catalog: SpecCatalog;
  handlers: Record<string, Handler>;
  schemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
  limiter: TokenBuckets | undefined;
  log: LogSink;
  corsAllowed: (origin: string) => boolean;
  /** Requests being handled right now (graceful shutdown waits for them; tests observe it). */
  stats: { inFlight: number };
  /** Whether to write the per-request log line (skipping it costs nothing when logs are off). */
  logRequests: boolean;
  /** Handles `/sandbox/...` control routes. */
  control: (req: IncomingMessage, url: Target) => Promise<{ status: number; body: unknown }>;
}

/** The path and query of a request (cheaper than a WHATWG URL for origin-form targets). */
export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

function parseTarget(raw: string | undefined): Target {
  const url = raw ?? '/';
  if (!url.startsWith('/')) return new URL(url, 'http://sandbox.invalid'); // absolute-form
  const q = url.indexOf('?');
  return { pathname: q < 0 ? url : url.slice(0, q), searchParams: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

type Version = 'v1' | 'v2';

interface Outgoing {
  status: number;
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

const FIELD_CODES = new Set<string>(FIELD_FINDING_CODES);

/** What a finding says about its field, without the pointer (`must be at most 100`). */
function says(f: Finding): string {
  const rest = f.message.startsWith(`${f.pointer} `) ? f.message.slice(f.pointer.length + 1) : f.message;
  return f.pointer === '/' && rest.startsWith('is ') ? `the body ${rest}` : rest;
}

function fieldErrors(findings: Finding[]): FieldError[] {
  return findings.map((f) => ({
    pointer: f.pointer,
    detail: says(f),
    code: FIELD_CODES.has(f.code) ? f.code : 'invalid_value',
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

function rateHeaders(decision: RateDecision | undefined): Record<string, string> {
  if (!decision) return {};
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': new Date(decision.resetAtMs).toISOString(),
  };
}

export function createRequestListener(app: App): (req: IncomingMessage, res: ServerResponse) => void {
  const { ctx, catalog } = app;
  const validator = catalog.validator;

  function errorOutgoing(
    error: ApiError,
    version: Version,
    operationId: string | undefined,
    path: string,
    requestId: string,
  ): Outgoing {
    let status = error.options.status ?? catalog.statusOf(operationId, error.code);
    let code = error.code;
    let detail = error.detail;
    if (status === undefined) {
      app.log({ level: 'error', msg: 'error code not documented for operation', operationId, code });
      status = 500;
      code = version === 'v2' ? 'internal_error' : 'INTERNAL_ERROR';
      detail = 'Something went wrong on our side. Retry later and quote the requestId if it persists.';
    }
    const timestamp = ctx.clock.iso();
    const headers = { ...(error.options.headers ?? {}) };
    if (version === 'v2') {
      const known = catalog.problemType(code);
      const body = {
        type: known?.type ?? `${catalog.problemTypeBase}${code}`,
        title: known?.title ?? STATUS_CODES[status] ?? 'Error',
        status,
        detail,
        code,
        instance: path,
        requestId,
        timestamp,
        ...(error.options.errors ? { errors: error.options.errors } : {}),
      };
      return { status, contentType: 'application/problem+json', body: JSON.stringify(body), headers };
    }
    const body = {
      error: STATUS_CODES[status] ?? 'Error',
      message: detail,
      code,
      timestamp,
      requestId,
      ...(error.options.retryAfter !== undefined ? { retryAfter: error.options.retryAfter } : {}),
    };
    return { status, contentType: 'application/json', body: JSON.stringify(body), headers };
  }

  function toApiError(error: unknown, version: Version, operationId: string | undefined): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof RuleError)
      return version === 'v2'
        ? problemFor(error.rule, error.facts)
        : v1ErrorFor(error.rule, error.facts, operationId ?? '', catalog);
    if (error instanceof InvalidCursorError) {
      return new ApiError('invalid_request', 'The request failed validation; see errors.', {
        errors: [
          {
            pointer: '/query/cursor',
            detail: 'is not a cursor of this list; send nextCursor back unchanged',
            code: 'invalid_value',
          },
        ],
      });
    }
    app.log({
      level: 'error',
      msg: 'unhandled error',
      operationId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return version === 'v2'
      ? new ApiError(
          'internal_error',
          'Something went wrong on our side. Retry later and quote the requestId if it persists.',
          { status: 500 },
        )
      : new ApiError('INTERNAL_ERROR', 'Something went wrong; retry later and quote the requestId', { status: 500 });
  }

  async function handle(
    req: IncomingMessage,
    url: Target,
    version: Version,
    requestId: string,
    state: { operationId?: string; rate?: RateDecision },
  ): Promise<Outgoing> {
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path.startsWith('/sandbox/')) {
      const reply = await app.control(req, url);
      return { status: reply.status, contentType: 'application/json', body: JSON.stringify(reply.body), headers: {} };
    }
    settleDuePayments(ctx);
    const match = validator.matchOperation(method, path);
    if (!match) {
      const what = validator.hasPath(path)
        ? `${method} is not an operation of ${path}`
        : `No operation matches ${method} ${path}`;
      throw version === 'v2'
        ? new ApiError('not_found', `${what}.`, { status: 404 })
        : new ApiError('NOT_FOUND', what, { status: 404 });
    }
    const operationId = match.operationId;
    state.operationId = operationId;
    const auth = authenticate(ctx, app.schemes, match.operation.security, req.headers, url.searchParams);
    if (!auth.ok && auth.status === 401) {
      throw new ApiError(version === 'v2' ? 'unauthorized' : 'UNAUTHORIZED', howToAuthenticate(auth.scheme), {
        headers: { 'WWW-Authenticate': challenge(auth.scheme) },
      });
    }
    const account: AccountRow | undefined = auth.ok ? auth.account : undefined;
    if (app.limiter) {
      const bucket = auth.ok && auth.key ? `key:${auth.key}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
      const decision = app.limiter.take(bucket, ctx.clock.nowMs());
      state.rate = decision;
      if (!decision.allowed) {
        const detail = `Rate limit of ${decision.limit} requests per ${app.limiter.window} exceeded; retry after ${decision.retryAfterSeconds} seconds.`;
        const headers = { 'Retry-After': String(decision.retryAfterSeconds) };
        throw version === 'v2'
          ? new ApiError('rate_limited', detail, { headers })
          : new ApiError('RATE_LIMITED', detail, { headers, retryAfter: decision.retryAfterSeconds });
      }
    }
    if (!auth.ok) {
      throw version === 'v2'
        ? new ApiError('insufficient_scope', `This operation needs an API key with the ${auth.scope} scope.`)
        : new ApiError('FORBIDDEN', `This API key lacks the ${auth.scope} scope`);
    }

    const raw = method === 'GET' || method === 'HEAD' ? ({ kind: 'none' } as const) : await readBody(req);
    if (raw.kind === 'invalid') {
      throw invalidRequest(version, [
        {
          operation: operationId,
          location: 'body',
          pointer: '/',
          code: 'invalid_type',
          expected: 'JSON',
          actual: '',
          message: `/ ${raw.reason}`,
        },
      ]);
    }
    const body = raw.kind === 'json' ? raw.value : raw.kind === 'other' ? raw.text : undefined;
    const checked = validator.validateRequest({
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      ...(raw.kind === 'none' ? {} : { contentType: raw.contentType }),
    });
    if (checked.findings.length > 0) throw invalidRequest(version, checked.findings);

    const idempotencyKey =
      version === 'v2' && account && match.operation.headerParameters.includes('Idempotency-Key')
        ? checked.params.header['Idempotency-Key']
        : undefined;
    const handler = app.handlers[operationId];
    if (!handler) throw new Error(`no handler for ${operationId}`);
    const run = async (): Promise<Outgoing> => {
      const delay = ctx.hooks.latencyMs.get(operationId) ?? ctx.hooks.latencyMs.get('*') ?? 0;
      if (delay > 0) await sleep(delay);
      if (ctx.hooks.faults.has(operationId)) throw new Error(`fault injected into ${operationId}`);
      const reply = await handler({
        ctx,
        catalog,
        account,
        params: checked.params,
        body: checked.body,
        operationId,
        requestId,
      });
      const payload =
        version === 'v1' ? { success: true, timestamp: ctx.clock.iso(), requestId, data: reply.body } : reply.body;
      return { status: reply.status, contentType: 'application/json', body: JSON.stringify(payload), headers: {} };
    };
    if (typeof idempotencyKey !== 'string' || !account) return run();

    const print = idempotency.fingerprint(operationId, path, body);
    const started = idempotency.begin(ctx, account.id, idempotencyKey, operationId, print, requestId);
    if (started.kind === 'conflict') {
      const detail =
        started.code === 'idempotency_key_reused'
          ? 'This Idempotency-Key was already used with a different request body.'
          : 'A request with this Idempotency-Key is still being processed; retry when it has finished.';
      throw new ApiError(started.code, detail);
    }
    if (started.kind === 'replay') {
      const { response } = started;
      return {
        status: response.status,
        contentType: response.contentType,
        body: response.body,
        headers: { 'Idempotent-Replayed': 'true', 'X-Request-Id': response.requestId },
      };
    }
    let outgoing: Outgoing;
    try {
      outgoing = await run();
    } catch (error) {
      const apiError = toApiError(error, version, operationId);
      outgoing = errorOutgoing(apiError, version, operationId, path, requestId);
    }
    if (outgoing.status >= 500) idempotency.abandon(ctx, account.id, idempotencyKey);
    else idempotency.finish(ctx, account.id, idempotencyKey, outgoing);
    return outgoing;
  }

  return (req, res) => {
    const started = performance.now();
    const url = parseTarget(req.url);
    const version: Version = url.pathname.startsWith('/api/v2/') || url.pathname.startsWith('/sandbox/') ? 'v2' : 'v1';
    const requestId = version === 'v2' ? ctx.ids.requestIdV2() : ctx.ids.requestIdV1();
    const state: { operationId?: string; rate?: RateDecision } = {};
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = corsHeaders(req.headers.origin, app.corsAllowed, method === 'OPTIONS');
    app.stats.inFlight++;
    res.on('close', () => app.stats.inFlight--);
    if (app.logRequests)
      res.on('finish', () => {
        app.log({
          level: 'info',
          msg: 'request',
          method,
          path: redactPath(url.pathname),
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          requestId: res.getHeader('X-Request-Id') ?? requestId,
          ...(state.operationId ? { operationId: state.operationId } : {}),
        });
      });
    const write = (out: Outgoing) => {
      const headers: Record<string, string> = {
        'X-Request-Id': requestId,
        ...cors,
        ...rateHeaders(state.rate),
        ...out.headers,
        'Content-Type': `${out.contentType}; charset=utf-8`,
        'Content-Length': String(Buffer.byteLength(out.body)),
        'Cache-Control': 'no-store',
      };
      res.writeHead(out.status, headers);
      res.end(out.body);
    };
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'X-Request-Id': requestId, ...cors, 'Content-Length': '0' });
      res.end();
      return;
    }
    handle(req, url, version, requestId, state)
      .then(write, (error: unknown) =>
        write(
          errorOutgoing(
            toApiError(error, version, state.operationId),
            version,
            state.operationId,
            url.pathname,
            requestId,
          ),
        ),
      )
      .catch((error: unknown) => {
        app.log({ level: 'error', msg: 'could not write response', error: String(error) });
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };
}

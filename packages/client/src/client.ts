/**
 * `createBillingClient()`: the typed client. `GET`/`POST` take the same arguments as openapi-fetch's
 * (the same generics over `paths`), return the success body and throw a `BillingError` otherwise
 * (`.withResponse()` adds the response, request id and Idempotency-Key); `raw` makes the same calls
 * and returns `{ data, error, response }`, with every HTTP failure as a typed `BillingApiError`.
 *
 * Why the calls build the request themselves (with openapi-fetch's query serializer) instead of
 * going through openapi-fetch's client: it constructs a `Request` and fetch then constructs another
 * from it (each ~10-20 µs on Node 20, where a local round trip is ~250 µs), and its core is ~1.8 kB
 * gzip that a browser app would carry twice over. Building the URL and headers once and calling
 * fetch(url, init) costs what a plain fetch costs; `pnpm bench` measures both.
 */

import type { OperationId, OperationIds, paths } from '@billing-api/types';
import {
  createQuerySerializer,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type QuerySerializerOptions,
  removeTrailingSlash,
} from 'openapi-fetch';
import type { BillingApiErrorOf } from './error-codes.js';
import { BillingApiError } from './errors.js';
import { fillPath } from './path.js';
import { applyPolicy } from './policy.js';
import { type BillingResponse, type ParseAs, readBody, requestIdOf } from './responses.js';
import { type RetryOptions, send } from './transport.js';

export interface BillingClientOptions {
  /** Where the API is, e.g. `https://billing.example.com` (no trailing path). */
  baseUrl: string;
  /** Your API key: sent as `Authorization: Bearer` on v2, `X-API-Key` on v1, never on public operations. */
  apiKey: string;
  /** A fetch to use instead of the global one (a proxy agent, a test stub, logging around each attempt). */
  fetch?: typeof globalThis.fetch;
  /** The most one call may take, every attempt and wait included (default 30 000; 0: no limit). */
  timeoutMs?: number;
  /** Retries of GETs and v2 POSTs, or `false` for none (default `{ maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20000 }`). */
  retry?: Partial<RetryOptions> | false;
  /** Sent as `User-Agent` where the runtime allows it. */
  userAgent?: string;
  /** Headers sent with every request. */
  headers?: HeadersOptions;
  /** How query parameters are written (openapi-fetch's option; the API's own lists need no change). */
  querySerializer?: QuerySerializerOptions;
}

type Method = 'get' | 'post';
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is the type-level test for an optional key
type RequiredKeysOf<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
/** openapi-fetch's per-call options that only its own client implements: a type error here, not ignored. */
interface Unsupported {
  baseUrl?: never;
  fetch?: never;
  middleware?: never;
  querySerializer?: never;
  bodySerializer?: never;
  pathSerializer?: never;
}
/** As openapi-fetch's (private) InitParam: the init argument is optional when nothing in it is required. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & Unsupported & { [key: string]: unknown })?]
    : [Init & Unsupported & { [key: string]: unknown }];

/** Paths of the API that have the given method. */
export type BillingPath<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];
type Data<T, I> =
  // biome-ignore lint/suspicious/noExplicitAny: the same constraint as openapi-fetch's FetchResponse
  T extends Record<string | number, any> ? NonNullable<FetchResponse<T, I, `${string}/${string}`>['data']> : never;
/** The success body of `M path` (what `billing.GET`/`POST` resolve to). */
// biome-ignore lint/complexity/noBannedTypes: `{}` is openapi-fetch's default for "no init"
export type BillingData<M extends Method, P extends BillingPath<M>, I = {}> = Data<paths[P][M & keyof paths[P]], I>;
/** The operationId of `M path`. */
export type BillingOperationId<M extends Method, P extends BillingPath<M>> = OperationIds[P][M &
  keyof OperationIds[P]] &
  OperationId;

/** What `billing.GET`/`POST` return: the success body, or with `.withResponse()` the response beside it. */
export interface BillingPromise<D> extends Promise<D> {
  /** The same call, resolving to `{ data, response, requestId, idempotencyKey }`. */
  withResponse(): Promise<BillingResponse<D>>;
}

/** What `billing.raw.GET`/`POST` resolve to: the success, or the failure as a typed `BillingApiError`. */
export type BillingResult<D, Id extends OperationId> =
  | (BillingResponse<D> & { error?: never })
  | { data?: never; error: BillingApiErrorOf<Id>; response: Response };

/** `billing.GET` / `billing.POST`: openapi-fetch's signature (same generics), resolving to the success body. */
export type BillingMethod<M extends Method> = <
  P extends BillingPath<M>,
  I extends MaybeOptionalInit<paths[P], M & keyof paths[P]>,
>(
  path: P,
  ...init: InitParam<I>
) => BillingPromise<BillingData<M, P, I>>;

/** `billing.raw.GET` / `POST`: the same call, resolving to `{ data, error, response }` instead of throwing on an answer. */
export type BillingRawMethod<M extends Method> = <
  P extends BillingPath<M>,
  I extends MaybeOptionalInit<paths[P], M & keyof paths[P]>,
>(
  path: P,
  ...init: InitParam<I>
) => Promise<BillingResult<BillingData<M, P, I>, BillingOperationId<M, P>>>;

export interface BillingClient {
  GET: BillingMethod<'get'>;
  POST: BillingMethod<'post'>;
  /** The same calls (auth, retries, timeout), resolving to `{ data, error, response }`; only no answer at all rejects. */
  raw: { GET: BillingRawMethod<'get'>; POST: BillingRawMethod<'post'> };
}

interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersOptions;
  signal?: AbortSignal | null;
  parseAs?: ParseAs;
  [key: string]: unknown;
}

type Call = (path: string, init?: CallInit) => Promise<BillingResponse<unknown>>;

export function createBillingClient(options: BillingClientOptions): BillingClient {
  const { apiKey, timeoutMs = 30_000, userAgent } = options;
  const baseUrl = removeTrailingSlash(options.baseUrl);
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const retry =
    options.retry === false ? false : { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000, ...options.retry };
  const baseHeaders = addHeaders(addHeaders({}, options.headers), { 'user-agent': userAgent });
  const querySerializer = createQuerySerializer(options.querySerializer);

  // async: a request that cannot be built (a circular body) rejects rather than throws.
  const call =
    (method: 'GET' | 'POST'): Call =>
    async (path, init = {}) => {
      const { params = {}, body, headers, signal, parseAs, ...rest } = init;
      const search = params.query ? querySerializer(params.query) : '';
      const url = baseUrl + fillPath(path, params.path) + (search ? `?${search}` : '');
      const finalHeaders: Record<string, string> = { ...baseHeaders };
      if (body !== undefined) finalHeaders['content-type'] ??= 'application/json';
      addHeaders(finalHeaders, headers);
      addHeaders(finalHeaders, params.header);
      const { operationId, idempotencyKey, retryable, codes } = applyPolicy(finalHeaders, method, path, apiKey);
      // Every body of the API is JSON. Other keys of init (cache, credentials...) go to fetch as they are.
      const requestInit: RequestInit = {
        ...rest,
        method,
        headers: finalHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      };
      return send(baseFetch, {
        url,
        init: requestInit,
        retryable,
        retry,
        timeoutMs,
        signal,
        operationId,
        idempotencyKey,
        codes,
        read: async (response) => {
          const data = await readBody(response, parseAs);
          return { data, response, requestId: requestIdOf(response, data), idempotencyKey };
        },
      });
    };

  const throwing = (call: Call) => (path: string, init?: CallInit) => {
    const result = call(path, init);
    const data = result.then((r) => r.data) as BillingPromise<unknown>;
    data.withResponse = () => {
      data.catch(() => {}); // the caller awaits `result` instead: `data` rejecting is not unhandled
      return result;
    };
    return data;
  };
  const settled = (call: Call) => (path: string, init?: CallInit) =>
    call(path, init).catch((error: unknown) => {
      if (error instanceof BillingApiError) return { error, response: error.response };
      throw error;
    });
  const get = call('GET');
  const post = call('POST');
  return {
    GET: throwing(get) as BillingMethod<'get'>,
    POST: throwing(post) as BillingMethod<'post'>,
    raw: { GET: settled(get) as BillingRawMethod<'get'>, POST: settled(post) as BillingRawMethod<'post'> },
  };
}

/** Adds headers given as openapi-fetch accepts them (Headers, pairs or a record; null deletes) to a lower-cased record. */
function addHeaders(target: Record<string, string>, source: unknown): Record<string, string> {
  if (!source || typeof source !== 'object') return target;
  const entries = source instanceof Headers || Array.isArray(source) ? source : Object.entries(source);
  for (const [name, value] of entries as Iterable<[string, unknown]>) {
    const key = name.toLowerCase();
    if (value === null) delete target[key];
    else if (value !== undefined) target[key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return target;
}

/**
 * `createBillingClient()`: the typed client. `GET`/`POST` take the same arguments as openapi-fetch's
 * (the same generics over `paths`), return the success body and throw a `BillingError` otherwise;
 * `raw` is an openapi-fetch client with the same auth, retries and timeout, returning
 * `{ data, error, response }`.
 *
 * Why GET/POST build the request themselves (with openapi-fetch's own serializers) instead of calling
 * `raw`: openapi-fetch constructs a `Request` and fetch then constructs another from it (each ~10-20 µs
 * on Node 20, where a local round trip is ~250 µs). Building the URL and headers once and calling
 * fetch(url, init) costs what a plain fetch costs; `pnpm bench` measures it.
 */

import type { paths } from '@billing-api/types';
import createClient, {
  type Client,
  createQuerySerializer,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type QuerySerializerOptions,
  removeTrailingSlash,
} from 'openapi-fetch';
import { fillPath } from './path.js';
import { applyPolicy } from './policy.js';
import { type ParseAs, readBody, readBuffered } from './responses.js';
import { type RetryOptions, send } from './transport.js';

export interface BillingClientOptions {
  /** Where the API is, e.g. `https://billing.example.com` (no trailing path). */
  baseUrl: string;
  /** Your API key: sent as `Authorization: Bearer` on v2, `X-API-Key` on v1, never on public operations. */
  apiKey: string;
  /** A fetch to use instead of the global one (a proxy agent, a test stub). */
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
/** As openapi-fetch's (private) InitParam: the init argument is optional when nothing in it is required. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

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
/** `billing.GET` / `billing.POST`: openapi-fetch's signature (same generics), resolving to the success body. */
export type BillingMethod<M extends Method> = <
  P extends BillingPath<M>,
  I extends MaybeOptionalInit<paths[P], M & keyof paths[P]>,
>(
  path: P,
  ...init: InitParam<I>
) => Promise<BillingData<M, P, I>>;

export interface BillingClient {
  GET: BillingMethod<'get'>;
  POST: BillingMethod<'post'>;
  /** The underlying openapi-fetch client (same auth, retries, timeout): `{ data, error, response }`. */
  raw: Client<paths>;
}

interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersOptions;
  signal?: AbortSignal | null;
  parseAs?: ParseAs;
  [key: string]: unknown;
}

export function createBillingClient(options: BillingClientOptions): BillingClient {
  const { apiKey, timeoutMs = 30_000, userAgent } = options;
  const baseUrl = removeTrailingSlash(options.baseUrl);
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const retry =
    options.retry === false ? false : { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000, ...options.retry };
  const baseHeaders = addHeaders(addHeaders({}, options.headers), { 'user-agent': userAgent });
  const querySerializer = createQuerySerializer(options.querySerializer);

  // async: a request that cannot be built (a circular body) rejects rather than throws.
  async function call(method: 'GET' | 'POST', path: string, init: CallInit = {}): Promise<unknown> {
    const { params = {}, body, headers, signal, parseAs, ...rest } = init;
    const search = params.query ? querySerializer(params.query) : '';
    const url = baseUrl + fillPath(path, params.path) + (search ? `?${search}` : '');
    const finalHeaders: Record<string, string> = { ...baseHeaders };
    if (body !== undefined) finalHeaders['content-type'] ??= 'application/json';
    addHeaders(finalHeaders, headers);
    addHeaders(finalHeaders, params.header);
    const retryable = applyPolicy(finalHeaders, method, path, apiKey);
    // Every body of the API is JSON. Other keys of init (cache, credentials...) go to fetch as they are.
    const requestInit: RequestInit = {
      ...rest,
      method,
      headers: finalHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    return send(baseFetch, {
      input: url,
      init: requestInit,
      retryable,
      retry,
      timeoutMs,
      signal,
      read: (response) => readBody(response, parseAs),
    });
  }

  // The raw client: openapi-fetch with the policy as middleware (it knows the path template) and the
  // same transport as its fetch. Its bodies are buffered inside the deadline so a timeout during the
  // body read is a BillingTimeoutError here too.
  const retryableRequests = new WeakSet<Request>();
  const raw = createClient<paths>({
    baseUrl,
    headers: baseHeaders,
    querySerializer: options.querySerializer,
    fetch: async (request: Request) => {
      const body = request.body ? await request.arrayBuffer() : undefined;
      return send(baseFetch, {
        input: request,
        init: { body },
        retryable: retryableRequests.has(request),
        retry,
        timeoutMs,
        signal: request.signal,
        read: readBuffered,
      });
    },
  });
  raw.use({
    onRequest({ request, schemaPath }) {
      if (applyPolicy(request.headers, request.method, schemaPath, apiKey)) retryableRequests.add(request);
    },
  });

  return {
    GET: ((path: string, init?: CallInit) => call('GET', path, init)) as BillingMethod<'get'>,
    POST: ((path: string, init?: CallInit) => call('POST', path, init)) as BillingMethod<'post'>,
    raw,
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

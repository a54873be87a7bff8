// One live run's connection to the target: builds each request from the spec (method, path template,
// the credential its security scheme takes), sends it, validates the response with the kit's
// validator, and keeps every exchange for the coverage matrix. Requests are paced by the server's
// rate-limit headers (./pacer.ts), one bucket per key the run holds and one for everything else
// (no key, a key never issued, public operations), so a real server's rate limit slows the run
// without failing it.
import type { Finding } from '../findings.js';
import type { ConformanceValidator } from '../validators.js';
import { credentialHeader, credentialHeaders, type Keys, keyFor, schemeOf } from './credentials.js';
import type { HttpTarget, ReceivedResponse, SentRequest } from './http.js';
import { Pacer } from './pacer.js';

export interface Exchange {
  /** The scenario that made it. */
  scenario: string;
  operation: string;
  request: SentRequest;
  response: ReceivedResponse;
  findings: Finding[];
}

export interface CallOptions {
  pathParams?: Record<string, string | number>;
  /** A concrete path, for paths the template cannot produce (malformed ids). */
  path?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent as is instead of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The key to present in the operation's scheme; `null` sends no credential. */
  key?: string | null;
  idempotencyKey?: string;
  /** Pace by the rate limit and wait out a 429 (default true; false for rate-limit scenarios, which send at once). */
  retryOnRateLimit?: boolean;
}

export interface SessionOptions {
  /** The longest one request waits on the rate limit in all, ms (default 65 s); past it the scenario fails. */
  maxRateLimitWaitMs?: number;
}

export class Session {
  readonly exchanges: Exchange[] = [];
  /** Requests other than GET the server answered with a 2xx: how often the run changed something. */
  mutations = 0;
  /** Ids (path parameters, a body's `invoiceId`) of what each change was made to, with its `mutations` count. */
  readonly changed = new Map<string, number>();
  readonly pacer: Pacer;
  /** Keys the run holds: each has a rate-limit bucket of its own; any other credential shares the client's. */
  private readonly heldKeys = new Set<string>();

  constructor(
    readonly http: HttpTarget,
    readonly validator: ConformanceValidator,
    /** The run's own keys (black-box runs; a sandbox run makes accounts instead). */
    private readonly ownKeys: Keys | undefined,
    readonly options: SessionOptions = {},
  ) {
    this.pacer = new Pacer(options.maxRateLimitWaitMs === undefined ? {} : { maxWaitMs: options.maxRateLimitWaitMs });
    if (ownKeys) this.holdKeys([ownKeys.bearer, ownKeys.apiKey, ownKeys.readBearer, ownKeys.readApiKey]);
  }

  /** Time spent waiting on the server's rate limit, ms. */
  get rateLimitWaitMs(): number {
    return this.pacer.waitedMs;
  }

  /** Registers keys the run holds (a sandbox account's, as it is made). */
  holdKeys(keys: ReadonlyArray<string | undefined>): void {
    for (const key of keys) if (key) this.heldKeys.add(key);
  }

  /** The rate-limit bucket a request draws from: its key's when the run holds the key, else the client's. */
  bucketOf(operation: string, request: SentRequest): string {
    const use = schemeOf(this.validator, operation);
    if (!use) return 'client';
    const header = credentialHeader(use.scheme).toLowerCase();
    const value = Object.entries(request.headers).find(([name]) => name.toLowerCase() === header)?.[1];
    const key = value?.replace(/^bearer\s+/i, '');
    return key && this.heldKeys.has(key) ? `key ${key}` : 'client';
  }

  get keys(): Keys {
    if (!this.ownKeys) throw new Error('a sandbox run has no keys of its own: scenarios use their own accounts');
    return this.ownKeys;
  }

  /** A view of the session that files calls and findings under one scenario (safe to use concurrently). */
  scoped(scenario: string): Scope {
    return new Scope(this, scenario);
  }

  /** Builds the request of an operation (without sending it). */
  request(operation: string, options: CallOptions = {}): SentRequest {
    const info = this.validator.spec.getOperation(operation);
    if (!info) throw new Error(`${operation} is not an operationId of the spec`);
    let path = options.path ?? this.validator.pathOf(operation, options.pathParams);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) query.set(name, String(value));
    if ([...query].length > 0) path += `?${query}`;
    const headers: Record<string, string> = {};
    const use = schemeOf(this.validator, operation);
    if (use && options.key !== null)
      Object.assign(headers, credentialHeaders(use.scheme, options.key ?? keyFor(use.scheme, this.keys, info.method)));
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    Object.assign(headers, options.headers ?? {});
    return {
      method: info.method,
      path,
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.rawBody === undefined ? {} : { rawBody: options.rawBody }),
    };
  }
}

export class Scope {
  readonly findings: Finding[] = [];

  constructor(
    readonly session: Session,
    readonly scenario: string,
  ) {}

  get validator(): ConformanceValidator {
    return this.session.validator;
  }

  /** Adds a finding to the scenario. */
  report(finding: Finding): void {
    this.findings.push({ ...finding, source: this.scenario });
  }

  private noteChange(options: CallOptions): void {
    const seq = ++this.session.mutations;
    const invoiceId = (options.body as { invoiceId?: unknown } | undefined)?.invoiceId;
    for (const id of [...Object.values(options.pathParams ?? {}), invoiceId])
      if (typeof id === 'string' || typeof id === 'number') this.session.changed.set(String(id), seq);
  }

  /** Sends a request of `operation`, validates the response, records the exchange. */
  async call(operation: string, options: CallOptions = {}): Promise<Exchange> {
    const { session } = this;
    const request = session.request(operation, options);
    let last: Exchange | undefined;
    const record = (response: ReceivedResponse): ReceivedResponse => {
      // Every answer is validated and kept, a 429 the pacer waits out included.
      const findings = this.validator
        .validateResponse(operation, response.status, response.headers, response.body)
        .map((f) => ({ ...f, source: this.scenario }));
      last = { scenario: this.scenario, operation, request, response, findings };
      session.exchanges.push(last);
      this.findings.push(...findings);
      return response;
    };
    await session.pacer.send(
      session.bucketOf(operation, request),
      `${request.method} ${request.path.split('?')[0]}`,
      async () => record(await session.http.send(request)),
      options.retryOnRateLimit !== false,
    );
    const exchange = last!;
    if (request.method !== 'GET' && exchange.response.status >= 200 && exchange.response.status < 300)
      this.noteChange(options);
    return exchange;
  }
}

/** The error `code` of a v1 or v2 error body, if any. */
export function errorCodeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

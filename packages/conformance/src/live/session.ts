// One live run's connection to the target: builds each request from the spec (method, path template,
// the credential its security scheme takes), sends it, validates the response with the kit's
// validator, and keeps every exchange for the coverage matrix. An unplanned 429 is waited out
// (Retry-After) so a real server's rate limit does not fail the run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Finding } from '../findings.js';
import type { ConformanceValidator } from '../validators.js';
import { credentialHeaders, type Keys, keyFor, schemeOf } from './credentials.js';
import type { HttpTarget, ReceivedResponse, SentRequest } from './http.js';

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
  /** Wait out a 429 and retry (default true; false for rate-limit scenarios). */
  retryOnRateLimit?: boolean;
}

export interface SessionOptions {
  /** Longest single Retry-After wait, ms (default 65 s). */
  maxRetryAfterMs?: number;
}

export class Session {
  readonly exchanges: Exchange[] = [];
  /** Requests other than GET the server answered with a 2xx: how often the run changed something. */
  mutations = 0;
  /** Ids (path parameters, a body's `invoiceId`) of what each change was made to, with its `mutations` count. */
  readonly changed = new Map<string, number>();
  /** Time spent waiting out unplanned 429s (the server's rate limit), ms. */
  rateLimitWaitMs = 0;

  constructor(
    readonly http: HttpTarget,
    readonly validator: ConformanceValidator,
    /** The run's own keys (black-box runs; a sandbox run makes accounts instead). */
    private readonly ownKeys: Keys | undefined,
    readonly options: SessionOptions = {},
  ) {}

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
      Object.assign(headers, credentialHeaders(use.scheme, options.key ?? keyFor(use.scheme, this.keys)));
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
    const request = this.session.request(operation, options);
    for (let attempt = 0; ; attempt++) {
      const response = await this.session.http.send(request);
      const findings = this.validator
        .validateResponse(operation, response.status, response.headers, response.body)
        .map((f) => ({ ...f, source: this.scenario }));
      const exchange: Exchange = { scenario: this.scenario, operation, request, response, findings };
      this.session.exchanges.push(exchange);
      this.findings.push(...findings);
      if (request.method !== 'GET' && response.status >= 200 && response.status < 300) this.noteChange(options);
      if (response.status !== 429 || options.retryOnRateLimit === false || attempt >= 3) return exchange;
      const retryAfter = Number(response.headers.get('retry-after') ?? '1');
      const waitMs = Math.min(
        Math.max(1, Number.isFinite(retryAfter) ? retryAfter : 1) * 1000,
        this.session.options.maxRetryAfterMs ?? 65_000,
      );
      this.session.rateLimitWaitMs += waitMs;
      await sleep(waitMs);
    }
  }
}

/** The error `code` of a v1 or v2 error body, if any. */
export function errorCodeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

// CORS for a local docs page's "try it": allowed origins are patterns where `*` stands for any port
// (or anything, alone). Exposes the headers a browser client needs to read.

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'];

const EXPOSED = [
  'X-Request-Id',
  'Idempotent-Replayed',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];
const ALLOWED_HEADERS = ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key'];

export function originMatcher(patterns: string[]): (origin: string) => boolean {
  const regexes = patterns.map((p) =>
    p === '*'
      ? /^.*$/
      : new RegExp(
          `^${p
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/:\*$/, '(?::\\d+)?')
            .replace(/\*/g, '[^/]*')}$`,
        ),
  );
  return (origin) => regexes.some((r) => r.test(origin));
}

/** Headers for a request from `origin` (none when the origin is not allowed). */
export function corsHeaders(
  origin: string | undefined,
  allowed: (origin: string) => boolean,
  preflight: boolean,
  /** The methods a preflight allows (those of the spec's operations). */
  methods: readonly string[],
): Record<string, string> {
  if (!origin || !allowed(origin)) return {};
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Expose-Headers': EXPOSED.join(', '),
  };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = [...methods, 'OPTIONS'].join(', ');
    headers['Access-Control-Allow-Headers'] = ALLOWED_HEADERS.join(', ');
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}

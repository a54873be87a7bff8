/**
 * Fills a path template (`/api/v2/billing/invoices/{id}`) with its parameters, percent-encoded.
 *
 * Why not openapi-fetch's defaultPathSerializer: it runs regular expressions over the template on
 * every call, which the CPU profile of the time-per-call bench shows at ~4 µs per call on Node 20
 * (over 1% of a local round trip); this costs ~0.7 µs. Each template is split once. The API's path
 * parameters are all `simple` style scalars (ids), so label, matrix and exploded styles are not needed.
 */

// Split templates by template (paths start with '/', so no key can clash with Object.prototype).
const templates: Record<string, string[]> = {};

export function fillPath(template: string, values: Record<string, unknown> = {}): string {
  // '/invoices/{id}/pdf' -> ['/invoices/', 'id', '/pdf']: parameter names at the odd indexes.
  const parts = (templates[template] ??= template.split(/[{}]/));
  return parts.map((part, i) => (i % 2 ? encodeURIComponent(values[part] as string) : part)).join('');
}

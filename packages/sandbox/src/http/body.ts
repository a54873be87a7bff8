// Reads a request body (at most 1 MiB) and parses it as JSON when it is JSON. A malformed body is
// reported, not thrown, so it becomes the documented 400.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'other'; text: string; contentType: string }
  /** `reason` completes "the body ...". */
  | { kind: 'invalid'; reason: string };

export async function readBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { kind: 'invalid', reason: `is larger than ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'none' };
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) return { kind: 'other', text, contentType };
  try {
    return { kind: 'json', value: JSON.parse(text), contentType };
  } catch {
    return { kind: 'invalid', reason: 'is not valid JSON' };
  }
}

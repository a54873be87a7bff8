// Reads a request body up to a byte limit and parses it as JSON when it is JSON. Nothing here
// throws for bad input: a body over the limit, malformed JSON, or JSON nested deeper than any
// request of the API needs, is reported, so it becomes the documented 413 or 400. The depth is
// checked before parsing, on the text, because the validators and the idempotency fingerprint
// walk values recursively and a few kilobytes of `[[[[...` would overflow their stack.
import type { IncomingMessage } from 'node:http';
import type { BodyResult } from '../api/responder.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper than every request schema of the spec, far below what recursion can take. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings not counted). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Reads the body. Over the limit it stops keeping what arrives, but never stops the stream: the
 * rest is read and dropped (by node:http once the answer is sent), so the client, still sending,
 * gets the 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if ((declaredLength(req) ?? 0) > limit) return Promise.resolve({ kind: 'too_large', limit });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      over = true;
      chunks.length = 0;
      resolve({ kind: 'too_large', limit });
    });
    req.on('error', () => resolve({ kind: 'invalid', reason: 'was cut off before it ended' }));
    req.on('end', () => {
      if (!over) resolve(parse(req, Buffer.concat(chunks)));
    });
  });
}

function parse(req: IncomingMessage, buffer: Buffer): BodyResult {
  const text = buffer.toString('utf8');
  if (text.trim() === '') return { kind: 'none' };
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) return { kind: 'other', text, contentType };
  if (!Buffer.from(text, 'utf8').equals(buffer)) return { kind: 'invalid', reason: 'is not valid UTF-8' };
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    return { kind: 'invalid', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { kind: 'json', value: JSON.parse(text), contentType };
  } catch {
    return { kind: 'invalid', reason: 'is not valid JSON' };
  }
}

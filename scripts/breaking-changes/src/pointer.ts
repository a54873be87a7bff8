// JSON-pointer helpers. Findings carry `#/...` pointers (the same spelling as
// internal $refs) so they can be fed back to the locator and read by humans.

export function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(s: string): string {
  let out = s.replace(/~1/g, '/').replace(/~0/g, '~');
  if (out.includes('%')) {
    try {
      out = decodeURIComponent(out);
    } catch {
      /* not percent-encoded after all */
    }
  }
  return out;
}

export function join(ptr: string, ...segments: Array<string | number>): string {
  let out = ptr;
  for (const s of segments) out += `/${escapeSegment(String(s))}`;
  return out;
}

/** `#/a/b~1c` -> ['a', 'b/c']; accepts `#`, `#/`, `/a` and `a/b` spellings. */
export function splitPointer(ptr: string): string[] {
  let p = ptr.startsWith('#') ? ptr.slice(1) : ptr;
  if (p.startsWith('/')) p = p.slice(1);
  if (p === '') return [];
  return p.split('/').map(unescapeSegment);
}

/**
 * Short human name for a schema location: `Invoice.lines[].amount`, or the
 * property path after the nearest component / media type.
 */
export function schemaLabel(ptr: string): string {
  const segs = splitPointer(ptr);
  let start = 0;
  let name = '';
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === 'components' && i + 2 < segs.length) {
      name = segs[i + 2] ?? '';
      start = i + 3;
    } else if (segs[i] === 'schema') {
      name = '';
      start = i + 1;
    }
  }
  let out = name;
  for (let i = start; i < segs.length; i++) {
    const s = segs[i]!;
    if (s === 'properties' && i + 1 < segs.length) {
      out += (out ? '.' : '') + segs[++i];
    } else if (s === 'items') {
      out += '[]';
    } else if (s === 'additionalProperties') {
      out += '{*}';
    } else if ((s === 'oneOf' || s === 'anyOf' || s === 'allOf') && i + 1 < segs.length) {
      out += `<${s} ${segs[++i]}>`;
    }
  }
  return out || '(body)';
}

// Short human names for schema locations in messages: `Invoice.lines[].amount`, or the property path
// after the nearest component or media type.

import { parsePointer } from '@billing-api/openapi-model';

export function schemaLabel(pointer: string): string {
  const segs = parsePointer(pointer);
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
    if ((s === 'properties' || s === 'patternProperties' || s === 'dependentSchemas') && i + 1 < segs.length) {
      out += (out ? '.' : '') + segs[++i];
    } else if (s === 'items') {
      out += '[]';
    } else if (s === 'prefixItems' && i + 1 < segs.length) {
      out += `[${segs[++i]}]`;
    } else if (s === 'additionalProperties') {
      out += '{*}';
    }
  }
  return out || '(body)';
}

/** `'a'`, `1`, `null` for messages. */
export function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

// How a parameter value is written on the wire, as OpenAPI's style table says. Instead of comparing
// `style`/`explode`/`allowReserved`/`content` keywords (which cries wolf: `explode` means nothing for a
// scalar), we render one sample value of each JSON type the old schema accepts under both
// definitions and compare the text: a difference is a request old clients now send wrongly.

import { isObject } from '../model.js';

export interface Serialization {
  in: string;
  style: string;
  explode: boolean;
  allowReserved: boolean;
  /** Media type when the parameter uses `content` instead of `schema`. */
  mediaType?: string;
}

export function serializationOf(p: Record<string, unknown>): Serialization {
  const where = String(p.in);
  const style = typeof p.style === 'string' ? p.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  const s: Serialization = {
    in: where,
    style,
    explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
    allowReserved: p.allowReserved === true,
  };
  if (isObject(p.content)) {
    const mt = Object.keys(p.content)[0];
    if (mt !== undefined) s.mediaType = mt;
  }
  return s;
}

const SAMPLES: Record<string, unknown> = {
  string: 'a b/c',
  integer: 5,
  number: 1.5,
  boolean: true,
  array: ['x', 'y'],
  object: { k: 'v', n: '1' },
};

function enc(v: string, reserved: boolean): string {
  return reserved ? encodeURI(v) : encodeURIComponent(v);
}

/** The text a client writes for `name` = `value` (query string part, path segment, header or cookie value). */
export function render(s: Serialization, name: string, value: unknown): string {
  if (s.mediaType) {
    const text = s.mediaType.includes('json') ? JSON.stringify(value) : String(value);
    return s.in === 'query' ? `${name}=${enc(text, s.allowReserved)}` : text;
  }
  const e = (v: unknown): string => enc(String(v), s.allowReserved);
  const pairs = Array.isArray(value)
    ? value.map((v) => [name, v] as const)
    : isObject(value)
      ? Object.entries(value)
      : undefined;
  switch (s.style) {
    case 'matrix':
      if (!pairs) return `;${name}=${e(value)}`;
      if (Array.isArray(value))
        return s.explode ? value.map((v) => `;${name}=${e(v)}`).join('') : `;${name}=${value.map(e).join(',')}`;
      return s.explode
        ? pairs.map(([k, v]) => `;${k}=${e(v)}`).join('')
        : `;${name}=${pairs.map(([k, v]) => `${k},${e(v)}`).join(',')}`;
    case 'label':
      if (!pairs) return `.${e(value)}`;
      if (Array.isArray(value)) return `.${value.map(e).join(s.explode ? '.' : ',')}`;
      return s.explode
        ? pairs.map(([k, v]) => `.${k}=${e(v)}`).join('')
        : `.${pairs.map(([k, v]) => `${k},${e(v)}`).join(',')}`;
    case 'form':
      if (!pairs) return `${name}=${e(value)}`;
      if (Array.isArray(value))
        return s.explode ? value.map((v) => `${name}=${e(v)}`).join('&') : `${name}=${value.map(e).join(',')}`;
      return s.explode
        ? pairs.map(([k, v]) => `${k}=${e(v)}`).join('&')
        : `${name}=${pairs.map(([k, v]) => `${k},${e(v)}`).join(',')}`;
    case 'spaceDelimited':
    case 'pipeDelimited': {
      const sep = s.style === 'spaceDelimited' ? '%20' : '|';
      if (!pairs) return `${name}=${e(value)}`;
      if (Array.isArray(value))
        return s.explode ? value.map((v) => `${name}=${e(v)}`).join('&') : `${name}=${value.map(e).join(sep)}`;
      return `${name}=${pairs.map(([k, v]) => `${k}${sep}${e(v)}`).join(sep)}`;
    }
    case 'deepObject':
      if (isObject(value))
        return Object.entries(value)
          .map(([k, v]) => `${name}[${k}]=${e(v)}`)
          .join('&');
      return `${name}=${e(value)}`;
    default: // simple
      if (!pairs) return e(value);
      if (Array.isArray(value)) return value.map(e).join(',');
      return pairs.map(([k, v]) => (s.explode ? `${k}=${e(v)}` : `${k},${e(v)}`)).join(',');
  }
}

/** The JSON types whose wire text differs between two serializations (empty: same wire). */
export function serializationDiff(
  b: Serialization,
  h: Serialization,
  name: string,
  types: Set<string> | null,
): string[] {
  const list = types === null ? Object.keys(SAMPLES) : [...types].filter((t) => t in SAMPLES);
  return list.filter((t) => render(b, name, SAMPLES[t]) !== render(h, name, SAMPLES[t]));
}

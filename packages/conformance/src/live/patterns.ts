// Values that match a schema without existing on the server: an id that has the right shape but was
// never issued (for 404s), made from the id schema's own `pattern` or `format`. Understands the
// regular-expression subset id patterns use: anchors, literals, escapes, character classes with
// ranges, groups with alternatives, and the quantifiers ? * + {n} {n,m}.
import { randomInt, randomUUID } from 'node:crypto';

type Node = { kind: 'chars'; choices: string[] } | { kind: 'group'; alternatives: Quantified[][] };
type Quantified = { node: Node; min: number; max: number };

function parseClass(source: string, start: number): { choices: string[]; end: number } {
  const choices: string[] = [];
  let i = start + 1;
  const negate = source[i] === '^';
  if (negate) throw new Error(`negated character classes are not supported: ${source}`);
  const readChar = (): string => {
    if (source[i] === '\\') {
      const next = source[i + 1]!;
      if (next === 'x') {
        const code = parseInt(source.slice(i + 2, i + 4), 16);
        i += 4;
        return String.fromCharCode(code);
      }
      i += 2;
      if (next === 'd') return '0123456789';
      return next;
    }
    return source[i++]!;
  };
  while (source[i] !== ']') {
    const from = readChar();
    if (source[i] === '-' && source[i + 1] !== ']') {
      i++;
      const to = readChar();
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) choices.push(String.fromCharCode(c));
    } else {
      choices.push(...(from.length > 1 ? from.split('') : [from]));
    }
  }
  return { choices, end: i + 1 };
}

function parseSequence(source: string, start: number, inGroup: boolean): { alternatives: Quantified[][]; end: number } {
  const alternatives: Quantified[][] = [[]];
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    let node: Node | undefined;
    if (c === ')' && inGroup) return { alternatives, end: i + 1 };
    if (c === '|') {
      alternatives.push([]);
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '[') {
      const parsed = parseClass(source, i);
      node = { kind: 'chars', choices: parsed.choices };
      i = parsed.end;
    } else if (c === '(') {
      const inner = parseSequence(source, source.startsWith('?:', i + 1) ? i + 3 : i + 1, true);
      node = { kind: 'group', alternatives: inner.alternatives };
      i = inner.end;
    } else if (c === '\\') {
      const next = source[i + 1]!;
      node = { kind: 'chars', choices: next === 'd' ? '0123456789'.split('') : [next] };
      i += 2;
    } else if (c === '.') {
      node = { kind: 'chars', choices: 'abcdefghijklmnopqrstuvwxyz'.split('') };
      i++;
    } else {
      node = { kind: 'chars', choices: [c] };
      i++;
    }
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '?') [min, max, i] = [0, 1, i + 1];
    else if (q === '*') [min, max, i] = [0, 3, i + 1];
    else if (q === '+') [min, max, i] = [1, 3, i + 1];
    else if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[2] === '' ? min + 3 : Number(m[2]);
      i += m[0].length;
    }
    alternatives[alternatives.length - 1]!.push({ node, min, max });
  }
  return { alternatives, end: i };
}

function generate(alternatives: Quantified[][], pick: (n: number) => number): string {
  const sequence = alternatives[pick(alternatives.length)]!;
  let out = '';
  for (const { node, min, max } of sequence) {
    const count = min + pick(max - min + 1);
    for (let k = 0; k < count; k++) {
      out += node.kind === 'chars' ? node.choices[pick(node.choices.length)]! : generate(node.alternatives, pick);
    }
  }
  return out;
}

/** A random string matching `pattern` (the id subset described above). */
export function sampleFromPattern(pattern: string, pick: (n: number) => number = (n) => randomInt(n)): string {
  const value = generate(parseSequence(pattern, 0, false).alternatives, pick);
  if (!new RegExp(pattern, 'u').test(value)) throw new Error(`could not generate a value for the pattern ${pattern}`);
  return value;
}

/** A value of an id schema (`pattern`, `format: uuid`, or an integer range) that the server never issued. */
export function unknownIdFor(schema: {
  type?: unknown;
  pattern?: unknown;
  format?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}): string {
  if (typeof schema.pattern === 'string') return sampleFromPattern(schema.pattern);
  if (schema.format === 'uuid') return randomUUID();
  if (schema.type === 'integer') {
    // The top of the documented range: far above any id a server has issued.
    const max = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
    return String(max - randomInt(1000));
  }
  throw new Error('the id schema has no pattern, uuid format or integer range to make an id from');
}

// Compares the languages of JSON Schema `pattern`s. JSON Schema patterns are ECMA-262 regexes that
// match anywhere in the string (unless anchored), so `^inv_[a-z]{4}$` and `inv_[a-z]{4}` differ.
// The decision procedure: each pattern becomes a DFA of the strings it accepts (refa: a maintained
// finite-automata library for JS regexes) and inclusion is "A and not B is empty". Patterns with
// lookarounds, backreferences or word boundaries are not regular in refa's sense; for those we sample
// strings from the old pattern (randexp) and test them with the real RegExp engine. A sample can find
// a counterexample, never prove inclusion, so a sampled difference is a warning, never breaking.

import { parseRegExpLiteral } from '@eslint-community/regexpp';
import randexp from 'randexp';
import { DFA, isDisjointWith, JS, NFA } from 'refa';

// randexp is CommonJS (`module.exports = RandExp`); its typings describe an ES default export.
const RandExp = randexp as unknown as typeof randexp.default;

export type PatternVerdict =
  | { decided: true; subset: boolean; example?: string }
  | { decided: false; counterexample?: string; samples: number };

const MAX_NODES = 20_000;
const SAMPLES = 200;
const dfas = new Map<string, DFA | null>();

/** The pattern's language under search semantics, or null when it is not regular for refa (or too big). */
function dfaOf(pattern: string): DFA | null {
  const cached = dfas.get(pattern);
  if (cached !== undefined) return cached;
  let out: DFA | null = null;
  try {
    const source = fullMatchSource(pattern);
    const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: 'u' }).parse({
      assertions: 'throw',
      backreferences: 'throw',
    });
    const nfa = NFA.fromRegex(expression, { maxCharacter }, {}, new NFA.LimitedNodeFactory(MAX_NODES));
    out = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(MAX_NODES));
    out.minimize();
  } catch {
    out = null;
  }
  dfas.set(pattern, out);
  return out;
}

/**
 * A source that matches a whole string exactly when `pattern` matches somewhere in it: each top-level
 * alternative keeps its own `^`/`$` edge or gets `[\s\S]*` on that side.
 */
function fullMatchSource(pattern: string): string {
  const ast = parseRegExpLiteral(new RegExp(pattern, 'u'));
  const alternatives = ast.pattern.alternatives.map((alt) => {
    const els = alt.elements;
    const first = els[0];
    const last = els[els.length - 1];
    const startAnchored = first?.type === 'Assertion' && first.kind === 'start';
    const endAnchored = last?.type === 'Assertion' && last.kind === 'end' && (els.length > 1 || !startAnchored);
    const from = startAnchored ? first!.end - alt.start : 0;
    const to = endAnchored ? last!.start - alt.start : alt.raw.length;
    const body = alt.raw.slice(from, to);
    return `${startAnchored ? '' : '[\\s\\S]*'}(?:${body})${endAnchored ? '' : '[\\s\\S]*'}`;
  });
  return alternatives.join('|');
}

function intersect(list: DFA[]): DFA {
  let acc = list[0]!;
  for (const d of list.slice(1)) acc = DFA.fromIntersection(acc, d, undefined);
  return acc;
}

/** mulberry32, seeded with a hash of the text. */
function seeded(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleOf(patterns: string[]): string[] {
  const out: string[] = [];
  const regs = patterns.map((p) => new RegExp(p, 'u'));
  for (const p of patterns) {
    let gen: InstanceType<typeof RandExp>;
    try {
      gen = new RandExp(new RegExp(p, 'u'));
    } catch {
      continue;
    }
    gen.max = 8;
    // Seeded by the pattern: the same two specs always get the same samples (and the same verdict).
    const next = seeded(p);
    gen.randInt = (a: number, b: number) => a + Math.floor(next() * (b - a + 1));
    for (let i = 0; i < SAMPLES; i++) {
      const s = gen.gen();
      if (regs.every((r) => r.test(s))) out.push(s);
    }
  }
  return out;
}

/** Is every string accepted by all of `from` also accepted by all of `to`? */
export function patternsIncluded(from: string[], to: string[]): PatternVerdict {
  if (to.length === 0) return { decided: true, subset: true };
  const fromDfas = from.map(dfaOf);
  const toDfas = to.map(dfaOf);
  if (fromDfas.every((d) => d) && toDfas.every((d) => d)) {
    const a = from.length ? intersect(fromDfas as DFA[]) : DFA.all({ maxCharacter: 0x10ffff });
    const notB = intersect(toDfas as DFA[]).copy();
    notB.complement();
    if (isDisjointWith(a, notB, MAX_NODES)) return { decided: true, subset: true };
    const diff = DFA.fromIntersection(a, notB, undefined);
    const word = diff.words()[Symbol.iterator]().next().value as number[] | undefined;
    return { decided: true, subset: false, ...(word ? { example: String.fromCodePoint(...word) } : {}) };
  }
  const samples = from.length ? sampleOf(from) : ['', 'a', '0', ' ', 'A-1'];
  const regs = to.map((p) => new RegExp(p, 'u'));
  const counterexample = samples.find((s) => !regs.every((r) => r.test(s)));
  return counterexample === undefined
    ? { decided: false, samples: samples.length }
    : { decided: false, counterexample, samples: samples.length };
}

/**
 * Derives the client's per-operation policy table from the bundled spec, in memory: which header
 * carries the API key (from each operation's `security`, falling back to the root `security`) and
 * whether the operation takes an `Idempotency-Key` header (then the client sends one and may retry
 * the POST). `generate` writes the result to `generated/operations.ts`; the staleness test compares.
 *
 * Our own code rather than a library: it is a 40-line walk over `paths`, and the output must stay a
 * tiny literal so that it costs a few hundred bytes in a browser bundle.
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { matchRule, type Rule } from '../src/rules.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type SecurityRequirement = Record<string, string[]>;
interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
}
interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
}
interface Operation {
  security?: SecurityRequirement[];
  parameters?: Parameter[];
}
export interface SpecDoc {
  security?: SecurityRequirement[];
  paths: Record<string, Record<string, unknown> & { parameters?: Parameter[] }>;
  components?: { securitySchemes?: Record<string, SecurityScheme>; parameters?: Record<string, Parameter> };
}

export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve('@billing-api/openapi/openapi.json');
}

/** `[header, value prefix]` of a scheme the client can fill from one API key. */
function headerOf(name: string, scheme: SecurityScheme | undefined): [string, string] {
  if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') return ['Authorization', 'Bearer '];
  if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name) return [scheme.name, ''];
  throw new Error(
    `security scheme "${name}" is ${scheme ? `${scheme.type}/${scheme.scheme ?? scheme.in}` : 'not defined'}; the client supports http bearer and apiKey in a header`,
  );
}

/** What the client does for one operation: which scheme carries the key (-1: none) and whether it sends an Idempotency-Key. */
export type Policy = [scheme: number, idempotent: 0 | 1];

export interface Entry {
  method: string;
  path: string;
  policy: Policy;
  where: string;
}

/** Every operation of the spec with the policy its `security` and parameters give it. */
export function collectPolicies(spec: SpecDoc): { schemes: [string, string][]; entries: Entry[] } {
  const schemes: [string, string][] = [];
  const schemeIndex = new Map<string, number>();
  const entries: Entry[] = [];
  const deref = (p: Parameter): Parameter =>
    p.$ref ? (spec.components?.parameters?.[p.$ref.split('/').pop() ?? ''] ?? p) : p;

  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Operation & { operationId?: string }) | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const requirements = op.security ?? spec.security ?? [];
      // `security: []` or an empty requirement `{}` among the alternatives: callable without a key.
      const isPublic = requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0);
      let index = -1;
      if (!isPublic) {
        const names = Object.keys(requirements[0] ?? {});
        if (names.length !== 1)
          throw new Error(`${where}: a security requirement with ${names.length} schemes at once is not supported`);
        const name = names[0] as string;
        if (!schemeIndex.has(name)) {
          schemeIndex.set(name, schemes.length);
          schemes.push(headerOf(name, spec.components?.securitySchemes?.[name]));
        }
        index = schemeIndex.get(name) as number;
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const idempotent = params.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key') ? 1 : 0;
      entries.push({
        method: method.toUpperCase(),
        path,
        policy: [index, idempotent],
        where: `${where} (${op.operationId ?? '?'})`,
      });
    }
  }
  return { schemes, entries };
}

/**
 * The fewest prefix rules that give every operation its exact policy: walking the path segments, a
 * subtree whose operations (of one method) share a policy becomes one rule; where they differ, the
 * most common policy becomes the rule and the others are refined below it. Rules are ordered so that
 * the first match is the most specific one.
 */
export function deriveRules(entries: readonly Entry[]): Rule[] {
  const rules: [string, string, number, 0 | 1][] = [];
  const key = (p: Policy) => p.join();
  for (const method of [...new Set(entries.map((e) => e.method))]) {
    const mine = entries.filter((e) => e.method === method);
    const visit = (prefix: string, inherited: string | undefined): void => {
      const under = mine.filter((e) => `${e.path}/`.startsWith(prefix));
      if (under.length === 0) return;
      const counts = new Map<string, number>();
      for (const e of under) counts.set(key(e.policy), (counts.get(key(e.policy)) ?? 0) + 1);
      const majority = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
      if (majority !== inherited) {
        const [scheme, idempotent] = (under.find((e) => key(e.policy) === majority) as Entry).policy;
        rules.push([method, prefix, scheme, idempotent]);
      }
      if (counts.size === 1) return;
      const exact = under.find((e) => `${e.path}/` === prefix);
      if (exact && key(exact.policy) !== majority) rules.push([method, exact.path, ...exact.policy]);
      const children = new Set(
        under.filter((e) => e.path.length >= prefix.length).map((e) => e.path.slice(prefix.length).split('/')[0]),
      );
      for (const child of children) if (child) visit(`${prefix}${child}/`, majority);
    };
    visit('/', undefined);
  }
  // Exact rules first, then longer prefixes before shorter ones.
  return rules.sort(
    (a, b) =>
      Number(a[1].endsWith('/')) - Number(b[1].endsWith('/')) || b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
}

export function renderOperations(spec: SpecDoc): string {
  const { schemes, entries } = collectPolicies(spec);
  const rules = deriveRules(entries);
  for (const e of entries) {
    const rule = matchRule(rules, e.method, e.path);
    if (!rule || rule[2] !== e.policy[0] || rule[3] !== e.policy[1])
      throw new Error(`internal: the derived rules give ${e.where} the wrong policy`);
  }
  const describe = ([scheme, idempotent]: Policy) =>
    `${scheme === -1 ? 'public (no key)' : `${schemes[scheme]?.[0]}: ${schemes[scheme]?.[1]}<key>`}${idempotent ? ', Idempotency-Key' : ''}`;
  const width = Math.max(...entries.map((e) => e.where.length));
  return [
    '/**',
    ' * GENERATED by `pnpm --filter @billing-api/client generate` from @billing-api/openapi (dist/openapi.json).',
    ' * Do not edit: change the spec and regenerate.',
    ' *',
    " * What the client sends per operation (from each operation's `security` and its `Idempotency-Key` parameter):",
    ...entries.map((e) => ` *   ${e.where.padEnd(width)}  ${describe(e.policy)}`),
    ' */',
    '',
    '/**',
    ' * `[header, value prefix]` of each security scheme the operations use; the value is prefix + API key.',
    ' * Header names are lower-cased like the header records the client builds (HTTP does not mind).',
    ' */',
    `export const SCHEMES: readonly (readonly [header: string, prefix: string])[] = ${JSON.stringify(schemes.map(([header, prefix]) => [header.toLowerCase(), prefix]))};`,
    '',
    '/**',
    ' * The table above as rules, first match wins: `[METHOD, pattern, scheme, idempotent]`, where a pattern',
    ' * ending in `/` matches that path and every path below it, `scheme` indexes SCHEMES (-1: send no key)',
    ' * and `idempotent` is 1 when the operation takes an `Idempotency-Key` (the client sends one and may retry).',
    ' */',
    "import type { Rule } from '../src/rules.js';",
    '',
    'export const RULES: readonly Rule[] = [',
    ...rules.map((r) => `  ${JSON.stringify(r).replaceAll(',', ', ')},`),
    '];',
    '',
  ].join('\n');
}

export async function render(specPath = bundledSpecPath()): Promise<Record<'operations.ts', string>> {
  const spec = JSON.parse(await readFile(specPath, 'utf8')) as SpecDoc;
  return { 'operations.ts': renderOperations(spec) };
}

// Maps every check of oasdiff's catalogue (the most complete public one; ids and levels taken from
// its checker/rules.go, listed in test/fixtures/oasdiff-checks.tsv) to our rules: implemented,
// not applicable here, or deliberately different, with why. The README's table is rendered from
// this mapping and a test keeps the two equal, so the list is written once.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleId } from '../../src/rules/catalogue.js';

export type Status = 'implemented' | 'not applicable' | 'different';

export interface Mapping {
  id: string;
  level: string;
  status: Status;
  rules: RuleId[];
  why: string;
}

type Rule = [RegExp, Status, RuleId[], string];

const REQ_TIGHT: RuleId[] = ['request-constraint-tightened'];
const REQ_LOOSE: RuleId[] = ['request-constraint-loosened'];
const RESP_TIGHT: RuleId[] = ['response-constraint-tightened'];
const RESP_LOOSE: RuleId[] = ['response-constraint-loosened'];

/** First match wins. */
const RULES: Rule[] = [
  [
    /sunset|stability|reactivated/,
    'not applicable',
    [],
    'lifecycle policy through `x-sunset`/`x-stability-level` extensions, which this API does not use',
  ],
  [
    /^api-(version|major-version)/,
    'different',
    [],
    'the version policy is the changesets gate (a major changeset per verdict), not `info.version`',
  ],
  [/^api-tag-/, 'not applicable', [], 'tags are documentation'],
  [/^api-operation-id-added$/, 'different', [], 'adding an operationId changes nothing a client depends on'],
  [/^api-operation-id-removed$/, 'implemented', ['operation-id-removed'], 'wire-safe, types-breaking'],
  [/^endpoint-added$/, 'implemented', ['operation-added'], ''],
  [/^endpoint-deprecated/, 'implemented', ['operation-deprecated'], ''],
  [/^api-(path-)?removed-without-deprecation$/, 'implemented', ['operation-removed'], ''],
  [
    /^api-(path-)?removed-with-deprecation$/,
    'different',
    ['operation-removed'],
    'removing a deprecated operation still breaks its remaining clients: always breaking',
  ],
  [
    /^api-schema-removed$/,
    'implemented',
    ['component-removed'],
    'wire info, types-breaking (the generated name disappears)',
  ],
  [
    /^api-security-component-(type|oauth-url|oauth-token-url)-changed$/,
    'implemented',
    ['security-scheme-changed'],
    'breaking (oasdiff: info): clients must authenticate differently',
  ],
  [/^api-security-component-oauth-scope-removed$/, 'implemented', ['security-scheme-changed'], ''],
  [
    /^api-security-component-(added|removed|oauth-scope-added|oauth-scope-changed)$/,
    'different',
    ['security-requirement-added', 'security-requirement-removed'],
    'a scheme matters through the requirements that name it; those are compared per operation',
  ],
  [
    /^api-(global-)?security-(added|scope-added)$/,
    'implemented',
    ['security-requirement-added', 'security-scope-added'],
    'breaking (oasdiff: info)',
  ],
  [
    /^api-(global-)?security-(removed|scope-removed)$/,
    'different',
    ['security-requirement-removed'],
    'needing fewer credentials is safe; only a removed alternative that callers used is breaking',
  ],
  [/^webhook-added$/, 'implemented', ['webhook-added'], ''],
  [/^webhook-removed$/, 'implemented', ['webhook-removed'], ''],
  [
    /^(new-required-request-(default-)?parameter|new-request-path-parameter)/,
    'implemented',
    ['required-parameter-added'],
    '',
  ],
  [/^new-optional-request-(default-)?parameter/, 'implemented', ['optional-parameter-added'], ''],
  [
    /^new-required-request-header-property$|^request-header-property-became-required$/,
    'implemented',
    ['request-property-added-required', 'request-property-made-required'],
    'header parameter schemas go through the schema comparer',
  ],
  [/x-extensible-enum/, 'not applicable', [], '`x-extensible-enum` is not used; `enum` is compared'],
  [
    /^request-parameter-removed$/,
    'different',
    ['parameter-removed'],
    'breaking (oasdiff: warning): the server ignores what clients still send, e.g. a filter',
  ],
  [
    /^request-parameter-removed-with-deprecation$/,
    'different',
    ['parameter-removed'],
    'still breaking when deprecated',
  ],
  [/^request-parameter-became-required$/, 'implemented', ['parameter-made-required'], ''],
  [/^request-parameter-became-optional$/, 'implemented', ['parameter-made-optional'], ''],
  [/^request-parameter-deprecated$/, 'implemented', ['parameter-deprecated'], ''],
  [/^request-parameter-default-value-changed$/, 'implemented', ['request-default-changed'], ''],
  [
    /^request-parameter-default-value-(added|removed)$/,
    'different',
    ['request-default-added', 'request-default-removed'],
    'a warning (oasdiff: error): the old behaviour when omitted was not promised',
  ],
  [
    /-(pattern-changed)$/,
    'different',
    ['request-constraint-tightened', 'response-constraint-loosened', 'request-pattern-counterexample'],
    'decided by automata inclusion (refa); only when undecidable, sampled with the RegExp engine and reported as a warning',
  ],
  [
    /-pattern-(added|generalized|removed)$/,
    'implemented',
    [...REQ_TIGHT, ...REQ_LOOSE, ...RESP_TIGHT, ...RESP_LOOSE],
    'decided by automata inclusion',
  ],
  [
    /-(content-encoding|content-media-type)-changed$/,
    'different',
    [],
    '`contentEncoding`/`contentMediaType` are annotations in JSON Schema 2020-12 (not validated)',
  ],
  [
    /-all-of-(added|removed)(-annotation-only)?$/,
    'different',
    [],
    'allOf is merged as an intersection; what a member adds or removes is reported as the keyword it changes (an annotation-only member is nothing)',
  ],
  [/^request-(body|property)-(any|one)-of-added$/, 'implemented', ['request-variant-added'], ''],
  [/^request-(body|property)-(any|one)-of-removed$/, 'implemented', ['request-variant-removed'], ''],
  [
    /^response-(body|property)-(any|one)-of-added$/,
    'different',
    ['response-variant-added'],
    'a warning for oneOf and anyOf alike (oasdiff: error for oneOf, info for anyOf): only clients that switch exhaustively break',
  ],
  [
    /^response-(body|property)-(any|one)-of-removed$/,
    'implemented',
    ['response-variant-removed'],
    'wire info, types-breaking',
  ],
  [
    /-wrapped-in-one-of$/,
    'different',
    ['request-variant-added', 'response-variant-added'],
    'a single-alternative oneOf is the schema itself; more alternatives are variants added',
  ],
  [
    /^request-(body|property)-discriminator-/,
    'different',
    ['request-discriminator-changed', 'request-variant-added'],
    'breaking (oasdiff: info) when a tag clients send is renamed or removed, or the property changes',
  ],
  [
    /^response-(body|property)-discriminator-/,
    'different',
    ['response-discriminator-changed', 'response-variant-added'],
    'breaking (oasdiff: info) when a tag clients receive is renamed or the property changes',
  ],
  [/^request-.*became-enum$/, 'implemented', REQ_TIGHT, 'types-breaking too: a string becomes a union'],
  [
    /^request-.*const-(added|changed)$/,
    'implemented',
    ['request-constraint-tightened', 'request-enum-value-removed'],
    'const is a one-value enum',
  ],
  [/^request-.*const-removed$/, 'implemented', REQ_LOOSE, 'const is a one-value enum'],
  [
    /^response-.*const-(removed|changed)$/,
    'implemented',
    ['response-constraint-loosened', 'response-enum-value-added'],
    'const is a one-value enum',
  ],
  [/^response-.*const-added$/, 'implemented', RESP_TIGHT, ''],
  [
    /^request-(body|property)-default-value-changed$/,
    'different',
    ['request-default-changed'],
    'breaking (oasdiff: info): clients that omit the value get another behaviour',
  ],
  [
    /^request-(body|property)-default-value-(added|removed)$/,
    'different',
    ['request-default-added', 'request-default-removed'],
    'a warning (oasdiff: info)',
  ],
  [/^response-.*default-value-/, 'not applicable', [], 'response defaults are documentation'],
  [
    /^request-.*(dependent-(required|schema)|-if|-then|-else)-(added|changed)$/,
    'implemented',
    ['request-dependency-added'],
    '',
  ],
  [
    /^request-.*(dependent-(required|schema)|-if|-then|-else)-removed$/,
    'implemented',
    ['request-dependency-removed'],
    '',
  ],
  [
    /^response-.*(dependent-(required|schema)|-if|-then|-else)-(removed|changed)$/,
    'different',
    ['response-dependency-removed'],
    'a warning (oasdiff: error): only clients relying on the co-occurrence break',
  ],
  [/^response-.*(dependent-(required|schema)|-if|-then|-else)-added$/, 'implemented', RESP_TIGHT, ''],
  [
    /^request-.*(contains|prefix-items|property-names|pattern-property|unevaluated-items)-(added|increased|decreased|removed)$/,
    'implemented',
    [...REQ_TIGHT, ...REQ_LOOSE],
    '',
  ],
  [
    /^response-.*(contains|prefix-items|property-names|pattern-property|unevaluated-items)-/,
    'implemented',
    [...RESP_TIGHT, ...RESP_LOOSE],
    'a loosening is a warning (oasdiff: error)',
  ],
  [
    /^request-.*unevaluated-properties-added$/,
    'implemented',
    ['request-constraint-tightened', 'request-property-not-accepted'],
    '',
  ],
  [/^request-.*unevaluated-properties-removed$/, 'implemented', REQ_LOOSE, ''],
  [/^response-.*unevaluated-properties-/, 'implemented', [...RESP_TIGHT, ...RESP_LOOSE], ''],
  [
    /^request-read-only-property-/,
    'different',
    [],
    'readOnly properties are not sent, so their constraints are not compared in requests',
  ],
  [
    /^request-(optional|required)-property-became-read-only$/,
    'different',
    ['request-property-read-only'],
    'breaking (oasdiff: info): what clients send is ignored or rejected',
  ],
  [
    /^request-(optional|required)-property-became-not-read-only$/,
    'implemented',
    ['request-property-added', 'request-property-added-required'],
    'the property becomes part of the request',
  ],
  [
    /^request-(optional|required)-property-became-(not-)?write-only$/,
    'not applicable',
    [],
    'writeOnly does not change what clients may send',
  ],
  [
    /^request-.*-set$/,
    'different',
    REQ_TIGHT,
    'breaking (oasdiff: warning): a new bound rejects values that were accepted',
  ],
  [
    /^request-.*(max|max-length|max-items|max-contains|exclusive-max)-decreased$|^request-.*(min|min-length|min-items|min-contains|exclusive-min)-increased$/,
    'implemented',
    REQ_TIGHT,
    '',
  ],
  [
    /^request-.*(max|max-length|max-items|max-contains|exclusive-max)-increased$|^request-.*(min|min-length|min-items|min-contains|exclusive-min)-decreased$/,
    'implemented',
    REQ_LOOSE,
    '',
  ],
  [/^request-.*became-not-nullable$/, 'implemented', ['request-property-type-changed', 'parameter-type-changed'], ''],
  [/^request-.*became-nullable$/, 'implemented', REQ_LOOSE, ''],
  [
    /^request-.*(type-changed|list-of-types-narrowed|type-specialized)$/,
    'implemented',
    ['request-property-type-changed', 'parameter-type-changed'],
    '',
  ],
  [/^request-.*(type-generalized|list-of-types-widened|type-compatible)$/, 'implemented', REQ_LOOSE, ''],
  [/^request-.*enum-value-removed$/, 'implemented', ['request-enum-value-removed', 'request-enum-value-renamed'], ''],
  [/^request-.*enum-value-added$/, 'implemented', ['request-enum-value-added'], ''],
  [/^request-body-added-required$/, 'implemented', ['request-body-added-required'], ''],
  [/^request-body-added-optional$/, 'implemented', ['request-body-added'], ''],
  [/^request-body-became-required$/, 'implemented', ['request-body-made-required'], ''],
  [/^request-body-became-optional$/, 'implemented', ['request-body-made-optional'], ''],
  [/^request-body-removed$/, 'implemented', ['request-body-removed'], ''],
  [/^request-body-media-type-added$/, 'implemented', ['request-content-type-added'], ''],
  [/^request-body-media-type-removed$/, 'implemented', ['request-content-type-removed'], ''],
  [/^request-body-(media-type-|content-)schema-added$/, 'implemented', ['request-property-type-changed'], ''],
  [
    /^request-body-(media-type-|content-)schema-removed$|^request-property-content-schema-removed$/,
    'implemented',
    REQ_LOOSE,
    '',
  ],
  [/^request-property-content-schema-added$/, 'implemented', ['request-property-type-changed'], ''],
  [
    /^(new-required-request-property|request-property-became-required)/,
    'implemented',
    ['request-property-added-required', 'request-property-made-required'],
    '',
  ],
  [/^new-optional-request-property$/, 'implemented', ['request-property-added'], ''],
  [/^request-property-became-optional$/, 'implemented', ['request-property-made-optional'], ''],
  [
    /^request-property-removed$/,
    'different',
    ['request-property-removed', 'request-property-not-accepted', 'request-property-renamed'],
    'a warning in an open schema, breaking in a closed one (clients get 400) or when renamed',
  ],
  [
    /^request-property-deprecated$|^response-property-deprecated$/,
    'different',
    [],
    '`deprecated` on a property is an annotation: no finding',
  ],
  [
    /^response-success-status-removed$/,
    'implemented',
    ['response-status-removed'],
    'a range or `default` that covers the status counts',
  ],
  [/^response-non-success-status-removed$/, 'implemented', ['response-error-status-removed'], ''],
  [
    /^response-success-status-added$/,
    'different',
    ['response-success-status-added'],
    'a warning (oasdiff: info): clients may receive a body they do not parse',
  ],
  [/^response-non-success-status-added$/, 'implemented', ['response-status-added'], ''],
  [/^response-media-type-added$/, 'implemented', ['response-content-type-added'], ''],
  [/^response-media-type-removed$/, 'implemented', ['response-content-type-removed'], ''],
  [
    /^response-media-type-name-/,
    'different',
    ['response-content-type-removed', 'response-content-type-added'],
    'media types are matched by name: another name is one removed and one added',
  ],
  [/^response-mediatype-enum-value-removed$/, 'implemented', ['response-enum-value-removed'], ''],
  [
    /^response-body-media-type-schema-removed$|^response-.*content-schema-removed$/,
    'implemented',
    ['response-property-type-changed'],
    '',
  ],
  [/^response-body-media-type-schema-added$|^response-.*content-schema-added$/, 'implemented', RESP_TIGHT, ''],
  [/^required-response-header-removed$/, 'implemented', ['response-header-removed'], ''],
  [/^optional-response-header-removed$/, 'implemented', ['response-optional-header-removed'], ''],
  [/^response-header-became-optional$/, 'implemented', ['response-header-made-optional'], ''],
  [/^response-header-added$/, 'implemented', ['response-header-added'], ''],
  [
    /^response-header-became-nullable$|^response-(body|property)-became-nullable$/,
    'implemented',
    ['response-property-made-nullable'],
    '',
  ],
  [
    /^response-header-became-not-nullable$|^response-(body|property)-became-not-nullable$/,
    'implemented',
    RESP_TIGHT,
    '',
  ],
  [
    /^response-.*(type-changed|type-generalized|list-of-types-widened)$/,
    'implemented',
    ['response-property-type-changed'],
    '',
  ],
  [/^response-.*(type-specialized|list-of-types-narrowed|type-compatible)$/, 'implemented', RESP_TIGHT, ''],
  [
    /^response-(required|optional)-property-removed$/,
    'different',
    ['response-property-removed', 'response-property-renamed'],
    'breaking even when optional (oasdiff: warning): clients that read it lose it and the generated type loses the field; renames are named as such',
  ],
  [/^response-(required|optional)-property-added$/, 'implemented', ['response-property-added'], ''],
  [/^response-property-became-optional$/, 'implemented', ['response-property-made-optional'], ''],
  [/^response-property-became-required$/, 'implemented', ['response-property-made-required'], ''],
  [
    /^response-(required|optional)-property-became-write-only$/,
    'different',
    ['response-property-write-only'],
    'breaking (oasdiff: info): the property is no longer returned',
  ],
  [
    /^response-(required|optional)-property-became-(not-write-only|read-only|not-read-only)$/,
    'different',
    [],
    'readOnly does not change what clients receive; a property that stops being writeOnly is a property added',
  ],
  [
    /write-only-property/,
    'not applicable',
    [],
    'writeOnly properties are not returned, so they are not compared in responses',
  ],
  [/^response-.*enum-value-added$/, 'implemented', ['response-enum-value-added'], ''],
  [
    /^response-.*enum-value-removed$/,
    'implemented',
    ['response-enum-value-removed'],
    'wire info, types-breaking (comparisons with the value stop compiling)',
  ],
  [
    /^response-.*(max|max-length|max-contains|exclusive-max)-increased$|^response-.*(min|min-length|min-items|min-contains|exclusive-min)-decreased$|^response-.*-unset$/,
    'different',
    RESP_LOOSE,
    'a warning (oasdiff: error): a wider range breaks only clients that validate it',
  ],
  [
    /^response-.*(max|max-length|max-contains|exclusive-max)-decreased$|^response-.*(min|min-length|min-items|min-contains|exclusive-min)-increased$/,
    'implemented',
    RESP_TIGHT,
    '',
  ],
];

export function mapCheck(id: string, level: string): Mapping {
  for (const [re, status, rules, why] of RULES) if (re.test(id)) return { id, level, status, rules, why };
  return { id, level, status: 'different', rules: [], why: 'UNMAPPED' };
}

const CHECKS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oasdiff-checks.tsv');

export function oasdiffMapping(): Mapping[] {
  return readFileSync(CHECKS, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [id, level] = line.split('\t');
      return mapCheck(id!, level!);
    });
}

export const TABLE_START =
  '<!-- oasdiff mapping: generated by `pnpm --filter @billing-api/breaking-changes oasdiff-table` -->';
export const TABLE_END = '<!-- end of oasdiff mapping -->';

export function renderTable(list: Mapping[]): string {
  const count = (s: Status): number => list.filter((m) => m.status === s).length;
  const lines = [
    TABLE_START,
    '',
    `${list.length} checks: ${count('implemented')} implemented, ${count('not applicable')} not applicable, ${count('different')} deliberately different.`,
    '',
    '| oasdiff check | oasdiff level | status | our rules | why |',
    '| --- | --- | --- | --- | --- |',
    ...list.map(
      (m) => `| \`${m.id}\` | ${m.level} | ${m.status} | ${m.rules.map((r) => `\`${r}\``).join(', ')} | ${m.why} |`,
    ),
    '',
    TABLE_END,
  ];
  return lines.join('\n');
}

// The security-hygiene rules of redocly.yaml fire on what they encode. Every case breaks one thing
// in its own file of a single copy of the spec; the copy is linted once (each lint takes seconds),
// and each case expects its rule to report a problem in the file it broke. The real spec has zero
// problems (bundle.test.ts), so a problem in a broken file comes from the break.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from '../scripts/pipeline.js';
import type { SpecProblem } from '../scripts/problems.js';
import { configPath, copySpec } from './helpers.js';

interface Break {
  rule: string;
  what: string;
  file: string;
  from: string | RegExp;
  to: string;
}

const breaks: Break[] = [
  {
    rule: 'rule/string-has-max-length',
    what: 'a free-text string without maxLength',
    file: 'components/schemas/v2/InvoiceLine.yaml',
    from: '    maxLength: 500\n',
    to: '',
  },
  {
    rule: 'rule/string-format-bounds-length',
    what: 'a string bounded only by a format that has no fixed length (email)',
    file: 'components/schemas/v2/EmailQueued.yaml',
    from: /\n {4}maxLength: 254/,
    to: '',
  },
  {
    rule: 'rule/integer-has-format',
    what: 'an integer without int32/int64',
    file: 'components/parameters/Limit.yaml',
    from: '  format: int32\n',
    to: '',
  },
  {
    rule: 'rule/number-has-minimum',
    what: 'an integer without a lower bound',
    file: 'components/schemas/v2/Card.yaml',
    from: '    minimum: 1\n    maximum: 12\n',
    to: '    maximum: 12\n',
  },
  {
    rule: 'rule/number-has-maximum',
    what: 'a number without an upper bound',
    file: 'components/schemas/common/Money.yaml',
    from: 'maximum: 100000000\n',
    to: '',
  },
  {
    rule: 'rule/array-has-max-items',
    what: 'an array without maxItems',
    file: 'components/schemas/v2/Invoice.yaml',
    from: '    maxItems: 1000\n',
    to: '',
  },
  {
    rule: 'rule/array-has-max-items',
    what: 'an unbounded array whose x-unbounded note was removed',
    file: 'components/schemas/v2/PaymentLinkState.yaml',
    from: /\n {4}x-unbounded: >-\n(?: {6}.*\n)+/,
    to: '\n',
  },
  {
    rule: 'rule/unbounded-says-why',
    what: 'an x-unbounded note that gives no reason',
    file: 'components/schemas/v2/Problem.yaml',
    from: /x-unbounded: >-\n(?: {6}.*\n)+(?= {4}items:)/,
    to: 'x-unbounded: it is long\n',
  },
  {
    rule: 'rule/response-declares-rate-limit-headers',
    what: 'a response without X-RateLimit-Remaining',
    file: 'components/responses/Forbidden.yaml',
    from: /\n {2}X-RateLimit-Remaining:\n.*/,
    to: '',
  },
  {
    rule: 'rule/429-declares-retry-after',
    what: 'a 429 without Retry-After',
    file: 'components/responses/TooManyRequestsV1.yaml',
    from: /\n {2}Retry-After:\n.*/,
    to: '',
  },
  {
    rule: 'rule/secured-operation-documents-401',
    what: 'an operation with a security requirement and no 401',
    file: 'paths/v2/cards.yaml',
    from: /\n {4}'401':\n.*/,
    to: '',
  },
  {
    rule: 'rule/401-declares-www-authenticate',
    what: 'a 401 without WWW-Authenticate',
    file: 'components/responses/UnauthorizedV1.yaml',
    from: /\n {2}WWW-Authenticate:\n.*/,
    to: '',
  },
  {
    rule: 'rule/response-declares-cors-headers',
    what: 'a response without the Vary header of CORS',
    file: 'paths/v2/credit.yaml',
    from: /\n {8}Vary:\n.*/,
    to: '',
  },
  {
    rule: 'rule/server-declares-audience',
    what: 'a server without x-internal',
    file: 'openapi.yaml',
    from: '    x-internal: false\n',
    to: '',
  },
  {
    rule: 'rule/server-uses-https',
    what: 'a server on plain http that is not loopback',
    file: 'openapi.yaml',
    from: 'url: https://api.billing.example',
    to: 'url: http://api.billing.example',
  },
  {
    rule: 'rule/public-operation-says-why',
    what: 'an operation with security [] and no x-public note',
    file: 'paths/v1/payment-link_{uuid}.yaml',
    from: /\n {2}x-public: >-\n(?: {4}.*\n)+/,
    to: '\n',
  },
  {
    rule: 'rule/public-reason-is-explained',
    what: 'an x-public note that explains nothing',
    file: 'paths/v1/payment-link_{uuid}_pay.yaml',
    from: /x-public: >-\n(?: {4}.*\n)+/,
    to: 'x-public: yes\n',
  },
];

let copy: string;
let problems: SpecProblem[];
beforeAll(async () => {
  copy = await copySpec();
  for (const b of breaks) {
    const target = path.join(copy, b.file);
    const source = await readFile(target, 'utf8');
    const broken = source.replace(b.from, b.to);
    if (broken === source) throw new Error(`the break "${b.what}" does not apply to ${b.file}`);
    await writeFile(target, broken);
  }
  problems = await lintSpec({ root: path.join(copy, 'openapi.yaml'), configPath, cwd: copy });
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('the security-hygiene rules catch what they encode', () => {
  it.each(breaks.map((b) => [b.rule, b.what, b] as const))('%s: %s', (_rule, _what, b) => {
    const found = problems.filter((p) => p.ruleId === b.rule && p.file === b.file);
    expect(found, `${b.rule} in ${b.file}`).not.toEqual([]);
    expect(found[0]?.line).toBeGreaterThan(0);
  });

  it('reports nothing else than the breaks (no rule fires on an untouched file)', () => {
    const broken = new Set(breaks.map((b) => b.file));
    expect(problems.filter((p) => !broken.has(p.file))).toEqual([]);
  });
});

// The locator maps bundle pointers back to the split source.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model.js';
import { SourceLocator } from '../src/source/locate.js';
import { copyFolder, editFile, FIXTURE_DIR, FIXTURE_ROOT, lineOf, removeTemps } from './helpers.js';

const P_GET = '#/paths/~1api~1v2~1billing~1invoices~1{id}/get';
const P_PAY = '#/paths/~1api~1v2~1billing~1invoices~1{id}~1actions~1pay/post';
const S = '#/components/schemas';
const copyFixture = (): string => copyFolder(FIXTURE_DIR);

afterAll(removeTemps);

const loc = new SourceLocator(FIXTURE_ROOT, FIXTURE_DIR);
const at = (file: string, re: RegExp, after?: RegExp): { file: string; line: number } => ({
  file,
  line: lineOf(FIXTURE_DIR, file, re, after),
});
const pick = (p: string, o?: { noArrayDescent?: boolean }): { file: string; line: number } | undefined => {
  const l = loc.locate(p, o);
  return l && { file: l.file, line: l.line };
};

describe('SourceLocator', () => {
  it('follows root $refs into path files', () => {
    expect(pick(`${P_PAY}/security`)).toEqual(at('paths/invoice-pay.yaml', /^ {2}security:/));
    expect(pick(`${P_GET}/parameters/0/schema/items/enum`)).toEqual(at('paths/invoice-by-id.yaml', /^ {10}enum:/));
  });
  it('follows component entries of the root into their files', () => {
    expect(pick(`${S}/Invoice/properties/dueDate/format`)).toEqual(
      at('components/schemas/Invoice.yaml', /^ {4}format: date$/),
    );
    expect(pick('#/components/responses/TooManyRequests/headers/Retry-After')).toEqual(
      at('components/responses/TooManyRequests.yaml', /^ {2}Retry-After:/),
    );
  });
  it('walks through allOf and oneOf arrays', () => {
    expect(pick(`${S}/InvoiceList/allOf/1/properties/data`)).toEqual(
      at('components/schemas/InvoiceList.yaml', /^ {6}data:/),
    );
    expect(pick(`${S}/Invoice/properties/discount/oneOf/1/properties/amount`)).toEqual(
      at('components/schemas/Invoice.yaml', /^ {10}amount:/, /FixedDiscount/),
    );
  });
  it('finds components the root does not list by file name', () => {
    expect(pick(`${S}/InvoiceLine/properties/quantity/minimum`)).toEqual(
      at('components/schemas/InvoiceLine.yaml', /^ {4}minimum: 1/),
    );
  });
  it('finds components by file name when the root has no such section at all', () => {
    const dir = copyFixture();
    editFile(dir, 'openapi.yaml', (t) => t.slice(0, t.indexOf('  schemas:\n')));
    const l = new SourceLocator(path.join(dir, 'openapi.yaml'), dir).locate(`${S}/Invoice/properties/total`);
    expect(l).toMatchObject({
      file: 'components/schemas/Invoice.yaml',
      line: lineOf(dir, 'components/schemas/Invoice.yaml', /^ {2}total:/),
      complete: true,
    });
  });
  it('returns the deepest existing node for missing pointers', () => {
    const l = loc.locate(`${S}/Invoice/properties/nope/type`);
    expect(l).toMatchObject({ ...at('components/schemas/Invoice.yaml', /^properties:/), complete: false, depth: 4 });
  });
  it('can refuse to descend into arrays (base pointers located in head)', () => {
    expect(pick(`${P_GET}/parameters/0`, { noArrayDescent: true })).toEqual(
      at('paths/invoice-by-id.yaml', /^ {2}parameters:/, /^get:/),
    );
  });
  it('escapes ~1 and ~0 and decodes percent-encoding', () => {
    expect(pick('#/paths/~1api~1v2~1billing~1invoices~1%7Bid%7D/get/operationId')).toEqual(
      at('paths/invoice-by-id.yaml', /operationId: getInvoice/),
    );
  });
  it('stops at a $ref itself when the pointer ends in $ref (a retargeted reference)', () => {
    expect(pick(`${S}/Invoice/properties/amountDue/$ref`)).toEqual(
      at('components/schemas/Invoice.yaml', /^ {4}\$ref: \.\/Money\.yaml/, /^ {2}amountDue:/),
    );
    expect(pick(`${S}/Invoice/properties/amountDue/currency`)).not.toEqual(
      pick(`${S}/Invoice/properties/amountDue/$ref`),
    );
  });
  it('reads plain RFC 6901 pointers as well as #-fragments', () => {
    expect(pick(P_GET.slice(1))).toEqual(pick(P_GET));
  });
  it('reports bad YAML with file and line', () => {
    const dir = copyFixture();
    writeFileSync(path.join(dir, 'paths', 'invoices.yaml'), 'get:\n  operationId: x\n  responses: [\n   bad: : :\n');
    const l = new SourceLocator(path.join(dir, 'openapi.yaml'), dir);
    expect(() => l.locate(`#/paths/~1api~1v2~1billing~1invoices/get/responses`)).toThrow(InputError);
    expect(() => l.locate(`#/paths/~1api~1v2~1billing~1invoices/get/responses`)).toThrow(
      /^paths\/invoices\.yaml:4: invalid YAML/,
    );
  });
});

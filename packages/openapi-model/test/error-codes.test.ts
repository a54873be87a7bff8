import { describe, expect, it } from 'vitest';
import { documentedErrorCodes, listOperations, type OpenApiDocument } from '../src/index.js';

const problem = (examples: Record<string, unknown>, schema?: object) => ({
  description: 'x',
  content: { 'application/problem+json': { ...(schema && { schema }), examples } },
});
const doc = (responses: Record<string, unknown>, components: object = {}): OpenApiDocument =>
  ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/a': { get: { operationId: 'getA', responses } } },
    components,
  }) as OpenApiDocument;
const codes = (d: OpenApiDocument) => documentedErrorCodes(d, listOperations(d)[0]!);

describe('documentedErrorCodes', () => {
  it('collects the code of each error example per status, refs followed, without repeats', () => {
    const d = doc(
      {
        '200': problem({ ok: { value: { code: 'not_an_error' } } }),
        '404': problem({ one: { $ref: '#/components/examples/NotFound' } }),
        '409': problem({ a: { value: { code: 'a_busy' } }, b: { value: { code: 'a_busy' } }, c: { value: 'text' } }),
        '4XX': problem({ c: { value: { code: 'range_is_skipped' } } }),
      },
      { examples: { NotFound: { value: { code: 'a_not_found' } } } },
    );
    expect(codes(d)).toEqual([
      { status: 404, code: 'a_not_found', pointer: '/components/examples/NotFound/value/code' },
      {
        status: 409,
        code: 'a_busy',
        pointer: '/paths/~1a/get/responses/409/content/application~1problem+json/examples/a/value/code',
      },
    ]);
  });

  it("also takes a const or enum declared on the response schema's code", () => {
    const d = doc(
      {
        '422': problem({}, { $ref: '#/components/schemas/P' }),
        '410': problem({}, { properties: { code: { const: 'gone' } } }),
      },
      {
        schemas: { P: { properties: { code: { $ref: '#/components/schemas/Code' } } }, Code: { enum: ['x_1', 'x_2'] } },
      },
    );
    expect(codes(d).map((c) => `${c.status} ${c.code} #${c.pointer}`)).toEqual([
      '410 gone #/paths/~1a/get/responses/410/content/application~1problem+json/schema/properties/code',
      '422 x_1 #/components/schemas/Code',
      '422 x_2 #/components/schemas/Code',
    ]);
  });

  it('refuses a code that is not an identifier, naming where it is', () => {
    expect(() => codes(doc({ '400': problem({ bad: { value: { code: 'no way' } } }) }))).toThrow(
      '#/paths/~1a/get/responses/400/content/application~1problem+json/examples/bad/value/code: error code "no way" is not an identifier like invoice_not_found',
    );
  });
});

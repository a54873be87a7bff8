// The generators behind the live scenarios, without a server: ids made from the spec's id patterns
// match them; every negative input made from the schemas is invalid for the kit's own validator, at
// the pointer it claims to break; every operation has a valid recipe-shaped base to break.

import { getAt } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { bundledValidator, mutationsOf } from '../src/index.js';
import { sampleFromPattern, unknownIdFor } from '../src/live/patterns.js';
import { RECIPES } from '../src/live/recipes.js';
import { parametersOf, resolveSchema } from '../src/live/scenarios/common.js';
import { exampleShape } from '../src/live/scenarios/negative.js';
import { bundledSpec } from '../src/spec.js';

const validator = bundledValidator();

describe('ids from the schemas', () => {
  it('match every pattern of the spec’s component schemas (ids, codes, timestamps, decimals)', () => {
    const schemas = bundledSpec.components!.schemas as Record<string, any>;
    const patterns = Object.values(schemas)
      .filter((s) => typeof s.pattern === 'string')
      .map((s) => s.pattern as string);
    expect(patterns.length).toBeGreaterThanOrEqual(10);
    for (const pattern of patterns) {
      for (let i = 0; i < 20; i++) expect(sampleFromPattern(pattern)).toMatch(new RegExp(pattern, 'u'));
    }
  });

  it('follow alternatives, classes with escapes, and bounded repeats', () => {
    let n = 0;
    const pick = (size: number) => n++ % size;
    expect(sampleFromPattern('^(primary|[1-9][0-9]{0,2})$', pick)).toBe('primary');
    expect(sampleFromPattern('^[\\x21-\\x7E]{3}$', () => 0)).toBe('!!!');
  });

  it('make never-issued path ids of the right shape for every operation with one', () => {
    for (const info of validator.spec.operations) {
      for (const parameter of parametersOf(validator, info.operationId).filter((p) => p.in === 'path')) {
        const id = unknownIdFor(resolveSchema(validator, parameter.schema));
        const findings = validator
          .validateRequest(info.operationId, { pathParams: { [parameter.name]: id } })
          .filter((f) => f.pointer.startsWith('/path/'));
        expect(findings, `${info.operationId} ${parameter.name}=${id}`).toEqual([]);
      }
    }
  });
});

/** A valid request of an operation from the spec's own examples (parameters, richest request example). */
function exampleRequest(operation: string) {
  const info = validator.spec.getOperation(operation)!;
  const pathParams = Object.fromEntries(
    parametersOf(validator, operation)
      .filter((p) => p.in === 'path')
      .map((p) => [p.name, String(p.example)]),
  );
  const body = exampleShape(validator, info.operationId);
  return { pathParams, ...(body === undefined ? {} : { body }) };
}

describe('negative inputs from the schemas', () => {
  it('are each invalid at the pointer they name (all operations)', () => {
    let count = 0;
    for (const info of validator.spec.operations) {
      const base = exampleRequest(info.operationId);
      expect(validator.validateRequest(info.operationId, base), `${info.operationId} base`).toEqual([]);
      for (const mutation of mutationsOf(validator, info.operationId, base)) {
        const request = mutation.apply(base);
        if (request.rawBody !== undefined) continue; // malformed JSON cannot be parsed, by design
        const query = new URLSearchParams(Object.entries(request.query ?? {}).map(([k, v]) => [k, String(v)]));
        const headers = {
          ...request.headers,
          ...(request.idempotencyKey === undefined ? {} : { 'Idempotency-Key': request.idempotencyKey }),
        };
        const findings = validator.validateRequest(info.operationId, {
          pathParams: request.pathParams ?? {},
          query,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        expect(
          findings.map((f) => f.pointer),
          `${info.operationId} ${mutation.pointer} ${mutation.kind} ${mutation.value}`,
        ).toContain(mutation.pointer);
        count++;
      }
    }
    expect(count).toBeGreaterThan(150);
  });

  it('cover required fields, types, ranges, enums, formats, lengths and unknown properties', () => {
    const base = exampleRequest('createCreditInvoice');
    const byPointer = (pointer: string) =>
      mutationsOf(validator, 'createCreditInvoice', base)
        .filter((m) => m.pointer === pointer)
        .map((m) => `${m.kind} ${m.value}`);
    expect(byPointer('/lines/0/amount')).toEqual([
      'missing_required (removed)',
      'invalid_type "12"',
      'out_of_range 0',
      'out_of_range 100000001',
      'invalid_format 1.001',
    ]);
    expect(byPointer('/detailsSource')).toEqual(['invalid_type 12', 'invalid_value "not_a_valid_value"']);
    expect(byPointer('/path/id')).toEqual(['invalid_format "!"', expect.stringMatching(/^too_long "a{20}/)]);
    expect(byPointer('/header/Idempotency-Key')).toEqual([
      'invalid_format "not valid!"',
      'too_short ""',
      expect.stringMatching(/^too_long "a{20}/),
    ]);
    expect(byPointer('/unexpectedField')).toEqual(['unknown_property true']);
    expect(
      mutationsOf(validator, 'getInvoiceV1', exampleRequest('getInvoiceV1')).map((m) => `${m.kind} ${m.value}`),
    ).toEqual(['invalid_type "abc"', 'invalid_type "1.5"', 'out_of_range "0"', 'out_of_range "1000000000000"']);
  });
});

describe('recipes', () => {
  it('exist for every operation of the spec, once', () => {
    expect(RECIPES.map((r) => r.operation).sort()).toEqual(validator.spec.operations.map((o) => o.operationId).sort());
    expect(getAt(bundledSpec, '#/components/schemas/InvoiceId')).toBeDefined();
  });
});

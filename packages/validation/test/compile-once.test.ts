// Schemas are compiled lazily and once: validating the same operation many times compiles nothing new,
// and places that only `$ref` the same component share one compiled schema.

import { openapi } from '@billing-api/openapi';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it, vi } from 'vitest';
import { createSpecValidator } from '../src/index.js';

describe('compilation', () => {
  it('compiles nothing up front and each schema once', () => {
    const compile = vi.spyOn(Ajv2020.default.prototype, 'getSchema');
    const validator = createSpecValidator(openapi);
    expect(compile).not.toHaveBeenCalled();
    const body = structuredClone((openapi as any).components.examples.InvoiceUnpaid.value);
    const response = {
      operationId: 'getInvoice',
      status: 200,
      headers: { 'x-request-id': 'req_1' },
      contentType: 'application/json',
      body,
    };
    expect(validator.validateResponse(response)).toEqual([]);
    const afterFirst = compile.mock.calls.length;
    expect(afterFirst).toBe(2); // the X-Request-Id header schema and the Invoice body schema
    for (let i = 0; i < 200; i++) validator.validateResponse(response);
    expect(compile.mock.calls.length).toBe(afterFirst);
    compile.mockRestore();
  });

  it('compiles a component once for every place that refers to it', () => {
    const compile = vi.spyOn(Ajv2020.default.prototype, 'getSchema');
    const validator = createSpecValidator(openapi);
    const problem = { ...(openapi as any).components.examples.ProblemInvoiceNotFound.value };
    const headers = { 'x-request-id': problem.requestId };
    const notFound = (operationId: string) =>
      validator.validateResponse({
        operationId,
        status: 404,
        headers,
        contentType: 'application/problem+json',
        body: problem,
      });
    expect(notFound('getInvoice')).toEqual([]);
    const afterFirst = compile.mock.calls.length;
    expect(notFound('payInvoice')).toEqual([]);
    expect(notFound('cancelInvoice')).toEqual([]);
    expect(compile.mock.calls.length).toBe(afterFirst); // the same Problem schema, the same header schema
    compile.mockRestore();
  });
});

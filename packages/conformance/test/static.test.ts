// Static conformance of the bundled spec, through the kit's validators: it passes on the real bundle,
// and each check fires, naming where, when the spec is broken on purpose. The checks themselves live
// where they belong (examples: @billing-api/validation; statuses: @billing-api/openapi-model's
// convention); these tests prove the kit runs them and reports what they find.

import { listOperations, toPointer, walkObjects } from '@billing-api/openapi-model';
import { validateExamples } from '@billing-api/validation';
import { describe, expect, it } from 'vitest';
import { bundledValidator, checkSpec } from '../src/index.js';
import { bundledSpec } from '../src/spec.js';
import { specCopy } from './helpers/spec.js';

describe('the bundled spec', () => {
  it('has only valid examples, every required status, and resolvable refs', () => {
    const report = checkSpec();
    expect(report.findings).toEqual([]);
    expect(report.operations).toBe(listOperations(bundledSpec).length);
    expect(report.examples).toBe(validateExamples(bundledValidator().spec).length);
    let refs = 0;
    walkObjects(bundledSpec, (node) => void (typeof node.$ref === 'string' && refs++));
    expect(report.refs).toBe(refs);
    expect(report.refs).toBeGreaterThan(0);
  });
});

describe('a broken spec is reported', () => {
  it('a response example that does not match its schema (a component example, named where it is used)', () => {
    const doc = specCopy();
    delete doc.components.examples.InvoiceUnpaid.value.total;
    const findings = checkSpec(doc).findings;
    expect(findings.length).toBeGreaterThan(0);
    const finding = findings.find((f) => f.operation === 'getInvoice')!;
    expect([finding.pointer, finding.code]).toEqual(['/total', 'missing_required']);
    expect(finding.source).toContain('(#/components/examples/InvoiceUnpaid)');
    expect(finding.source).toContain(toPointer(['paths', '/api/v2/billing/invoices/{id}', 'get', 'responses', '200']));
  });

  it('an operation without a status the conventions require', () => {
    const doc = specCopy();
    delete doc.paths['/api/v2/billing/invoices/{id}'].get.responses['404'];
    delete doc.paths['/api/v2/billing/cards'].get.responses['429'];
    const findings = checkSpec(doc).findings.filter((f) => f.code === 'missing_status');
    expect(findings.map((f) => [f.operation, f.expected])).toEqual([
      ['getInvoice', '404'],
      ['listCards', '429'],
    ]);
    expect(findings[0]!.message).toBe('getInvoice must document 404 (its path has an id)');
  });

  it('a $ref that does not resolve', () => {
    const doc = specCopy();
    doc.paths['/api/v2/billing/cards'].get.responses['500'] = { $ref: '#/components/responses/Missing' };
    const { findings } = checkSpec(doc);
    expect(findings.map((f) => [f.code, f.pointer, f.actual])).toEqual([
      [
        'unresolved_ref',
        toPointer(['paths', '/api/v2/billing/cards', 'get', 'responses', '500', '$ref']),
        '"#/components/responses/Missing"',
      ],
    ]);
  });
});

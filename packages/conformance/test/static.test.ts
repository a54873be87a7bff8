// Static conformance of the bundled spec, through the kit's validators: it passes on the real bundle,
// and each check fires, naming where, when the spec is broken on purpose.

import { toPointer } from '@billing-api/validation';
import { describe, expect, it } from 'vitest';
import { bundledValidator, checkSpec, requiredStatuses } from '../src/index.js';
import { specCopy } from './helpers/spec.js';

describe('the bundled spec', () => {
  it('has only valid examples, every required status, and resolvable refs', () => {
    const report = checkSpec();
    expect(report.findings).toEqual([]);
    expect(report.operations).toBe(29);
    // Media-type, parameter, header and schema examples, paths and components alike.
    expect(report.examples).toBeGreaterThan(200);
    expect(report.refs).toBeGreaterThan(400);
  });

  it('derives the required statuses from the operation', () => {
    const statuses = (id: string) => requiredStatuses(bundledValidator(), id).map((r) => r.status);
    expect(statuses('getInvoice')).toEqual(['2xx', '400', '401', '403', '404', '429', '500']);
    expect(statuses('listCards')).toEqual(['2xx', '401', '403', '429', '500']);
    expect(statuses('getPaymentLinkV1')).toEqual(['2xx', '400', '404', '429', '500']);
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

  it('a request example, a parameter example and an example inside a component schema', () => {
    const doc = specCopy();
    const applyCredit = doc.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post;
    applyCredit.requestBody.content['application/json'].examples.chosenAmount.value.amount = -5;
    doc.components.parameters.Limit.example = 500;
    doc.components.schemas.AddFundsRequest.properties.amount.examples = [0];
    const findings = checkSpec(doc).findings.map((f) => [f.operation, f.pointer, f.code, f.source]);
    expect(findings).toEqual(
      expect.arrayContaining([
        [
          'applyCreditToInvoice',
          '/amount',
          'out_of_range',
          expect.stringContaining('/requestBody/content/application~1json/examples/chosenAmount'),
        ],
        ['components.parameters.Limit', '/', 'out_of_range', '#/components/parameters/Limit/example'],
        [
          'components.schemas.AddFundsRequest',
          '/',
          'out_of_range',
          '#/components/schemas/AddFundsRequest/properties/amount/examples/0',
        ],
      ]),
    );
  });

  it('an operation without a status DESIGN.md requires', () => {
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

// validateExamples, the one check of the spec's examples: every example of the bundle is valid
// against the schema of its place; it reaches every place that holds one (derived from the
// operation list) and every component example through the places that use it; and a broken example
// is reported at its source with the finding of its schema, including what only our keywords
// (x-decimal-places) can see.
import { appendPointer, listOperations, type OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { createSpecValidator, validateExamples } from '../src/index.js';
import { document, validator } from './spec.js';

const checks = validateExamples(validator);
const sources = checks.map((c) => c.source);

/** Pointers of every media type, parameter and header of an operation that holds an example. */
function placesWithExamples(doc: OpenApiDocument): string[] {
  const places: string[] = [];
  const media = (pointer: string, content: Record<string, { examples?: object; example?: unknown }> = {}) => {
    for (const [type, object] of Object.entries(content))
      if (object.examples || object.example !== undefined) places.push(appendPointer(pointer, 'content', type));
  };
  for (const entry of listOperations(doc)) {
    if (entry.requestBody) media(entry.requestBody.pointer, entry.requestBody.body.content);
    for (const response of entry.responses) media(response.pointer, response.response.content);
    for (const { parameter, pointer } of entry.parameters)
      if (parameter.example !== undefined || parameter.examples) places.push(pointer);
  }
  return [...new Set(places)];
}

describe('the examples of the bundled spec', () => {
  it.each(checks.map((c) => [c.source, c]))('%s', (_source, check) => {
    expect(check.findings).toEqual([]);
  });

  it('are checked in every place that holds one', () => {
    const places = placesWithExamples(validator.document);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places)
      expect(
        sources.some((s) => s.startsWith(`#${place}/`)),
        place,
      ).toBe(true);
  });

  it('include every component example, checked where it is used', () => {
    const used = new Set(sources.flatMap((s) => /\(#\/components\/examples\/([^)]+)\)$/.exec(s)?.[1] ?? []));
    expect(Object.keys(document.components.examples).filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('a broken example', () => {
  const broken = (edit: (doc: Record<string, any>) => void) => {
    const doc = structuredClone(document);
    edit(doc);
    return validateExamples(createSpecValidator(doc)).flatMap((c) =>
      c.findings.map((f) => ({ owner: c.owner, source: c.source, pointer: f.pointer, code: f.code })),
    );
  };

  it('is reported where it is used, with the component it comes from', () => {
    const findings = broken((doc) => delete doc.components.examples.InvoiceUnpaid.value.total);
    const atGetInvoice = findings.find((f) => f.owner === 'getInvoice')!;
    expect(atGetInvoice).toMatchObject({ pointer: '/total', code: 'missing_required' });
    expect(atGetInvoice.source).toMatch(
      /^#\/paths\/~1api~1v2~1billing~1invoices~1\{id\}\/get\/responses\/200\/.*\(#\/components\/examples\/InvoiceUnpaid\)$/,
    );
  });

  it('in a request body, a parameter and a schema', () => {
    const findings = broken((doc) => {
      const applyCredit = doc.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post;
      applyCredit.requestBody.content['application/json'].examples.chosenAmount.value.amount = -5;
      doc.components.parameters.Limit.example = 500;
      doc.components.schemas.AddFundsRequest.properties.amount.examples = [0];
    });
    expect(findings.map((f) => [f.owner, f.pointer, f.code, f.source])).toEqual(
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

  it('with more decimals than x-decimal-places allows (a keyword only our validators know)', () => {
    const findings = broken((doc) => {
      const applyCredit = doc.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post;
      applyCredit.requestBody.content['application/json'].examples.chosenAmount.value.amount = 1.005;
    });
    expect(findings).toEqual([expect.objectContaining({ pointer: '/amount', code: 'invalid_format' })]);
  });
});

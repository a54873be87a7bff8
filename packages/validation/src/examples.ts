// The one check that the spec's examples are valid: every example of a document validated against
// the schema of the place it is written, with the same compiled validators (Ajv 2020-12, strict,
// `x-decimal-places`) the sandbox and the conformance kit use on live traffic. It covers media-type
// examples of requests and responses, parameter and header examples, and the `examples` lists (and
// legacy `example`) of schemas, in paths and components alike. Component examples
// (`#/components/examples/*`) are checked where they are referenced, against that place's schema.
import {
  appendPointer,
  type Example,
  isReference,
  listOperations,
  type OpenApiDocument,
  parsePointer,
  resolveRef,
  walkObjects,
} from '@billing-api/openapi-model';
import type { SpecValidator } from './spec-validator.js';
import type { Finding } from './types.js';

export interface ExampleCheck {
  /** Where the example is written, `#/...` (with the component it refers to, for referenced examples). */
  source: string;
  /** `#/...` pointer of the schema it was validated against. */
  schema: string;
  /** The operationId whose spec holds it, else the component (`components.parameters.Limit`). */
  owner: string;
  /** `[]` when the example is valid. */
  findings: Finding[];
}

const COMPONENT_EXAMPLES = '/components/examples';

/** Whether an object node is a schema (as opposed to a media type, parameter or header that has one). */
function isSchema(node: Record<string, unknown>): boolean {
  if (Array.isArray(node.examples)) return true;
  return !('schema' in node) && ('type' in node || '$ref' in node || 'properties' in node || 'allOf' in node);
}

export function validateExamples(validator: SpecValidator): ExampleCheck[] {
  const document: OpenApiDocument = validator.document;
  const operations = listOperations(document);
  const ownerOf = (pointer: string): string => {
    const entry = operations.find((e) => pointer === e.pointer || pointer.startsWith(`${e.pointer}/`));
    if (entry) return entry.id;
    const tokens = parsePointer(pointer);
    return tokens[0] === 'paths' ? tokens[1]! : tokens.slice(0, 3).join('.');
  };
  const checks: ExampleCheck[] = [];
  const check = (owner: string, schemaPointer: string, value: unknown, source: string) =>
    checks.push({
      source,
      schema: `#${schemaPointer}`,
      owner,
      findings: validator.validateValue(schemaPointer, value, { operation: owner }),
    });
  walkObjects(document, (node, pointer) => {
    if (pointer === COMPONENT_EXAMPLES || pointer.startsWith(`${COMPONENT_EXAMPLES}/`)) return;
    const owner = ownerOf(pointer);
    if (isSchema(node)) {
      // A schema: its `examples` list (and a legacy `example`) are instances of the schema itself.
      const list: unknown[] = Array.isArray(node.examples) ? node.examples : [];
      for (const [i, value] of list.entries())
        check(owner, pointer, value, `#${appendPointer(pointer, 'examples', i)}`);
      if ('example' in node) check(owner, pointer, node.example, `#${appendPointer(pointer, 'example')}`);
      return;
    }
    if (!node.schema || typeof node.schema !== 'object') return;
    // A media type, parameter or header: its examples are instances of its `schema`.
    const schema = appendPointer(pointer, 'schema');
    if ('example' in node) check(owner, schema, node.example, `#${appendPointer(pointer, 'example')}`);
    if (!node.examples || typeof node.examples !== 'object' || Array.isArray(node.examples)) return;
    for (const [name, raw] of Object.entries(node.examples as Record<string, unknown>)) {
      const at = appendPointer(pointer, 'examples', name);
      const example = resolveRef<Example>(document, raw as Example, at).value;
      if (!example || !('value' in example)) continue;
      const ref = isReference(raw) ? ` (${raw.$ref})` : '';
      check(owner, schema, example.value, `#${at}${ref}`);
    }
  });
  return checks;
}

// Static check 1: every example of the spec validates against its schema, through the kit's
// validator. Covers media-type examples (requests and responses), parameter and header examples,
// inline and in components, and the `examples` lists inside schemas (components included).
// Component examples (`#/components/examples/*`) are checked where they are referenced, against the
// schema of that place.
import type { Finding } from '../findings.js';
import { deref, type Json } from '../spec.js';
import type { ConformanceValidator } from '../validators.js';
import { walk } from './walk.js';

export interface ExampleCheck {
  /** Where the example is written (the `$ref` target for referenced examples). */
  source: string;
  /** Pointer of the schema it was validated against. */
  schema: string;
  findings: Finding[];
}

/** The operationId or component that owns a pointer, for the finding's `operation`. */
function ownerOf(document: Json, pointer: string): string {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (tokens[0] === 'paths' && tokens.length >= 3) {
    const operationId = document.paths?.[tokens[1]!]?.[tokens[2]!]?.operationId;
    return typeof operationId === 'string' ? operationId : `${tokens[2]!.toUpperCase()} ${tokens[1]!}`;
  }
  return tokens.slice(0, 3).join('.');
}

/** Validates one value against the schema at `schemaPointer`; findings name the example's source. */
function check(
  validator: ConformanceValidator,
  owner: string,
  schemaPointer: string,
  value: unknown,
  source: string,
): ExampleCheck {
  const findings = validator.spec
    .validateValue(`#${schemaPointer}`, value, { operation: owner })
    .map((f) => ({ ...f, source }));
  return { source, schema: `#${schemaPointer}`, findings };
}

export function checkExamples(validator: ConformanceValidator): ExampleCheck[] {
  const document = validator.document;
  const checks: ExampleCheck[] = [];
  walk(document, (node, pointer) => {
    if (pointer.startsWith('/components/examples')) return; // checked where referenced
    const owner = ownerOf(document, pointer);
    const isSchema =
      Array.isArray(node.examples) ||
      (!('schema' in node) && ('type' in node || '$ref' in node || 'properties' in node || 'allOf' in node));
    if (isSchema) {
      // A schema: its `examples` list (and a legacy `example`) are instances of the schema itself.
      for (const [i, value] of (Array.isArray(node.examples) ? node.examples : []).entries())
        checks.push(check(validator, owner, pointer, value, `#${pointer}/examples/${i}`));
      if ('example' in node) checks.push(check(validator, owner, pointer, node.example, `#${pointer}/example`));
      return;
    }
    if (!node.schema || typeof node.schema !== 'object') return;
    // A media type, parameter or header: its examples are instances of its `schema`.
    if ('example' in node)
      checks.push(check(validator, owner, `${pointer}/schema`, node.example, `#${pointer}/example`));
    if (node.examples && typeof node.examples === 'object' && !Array.isArray(node.examples)) {
      for (const [name, raw] of Object.entries(node.examples as Json)) {
        const example = deref(document, raw);
        if (!example || !('value' in example)) continue;
        const ref = typeof (raw as Json)?.$ref === 'string' ? ` (${(raw as Json).$ref})` : '';
        checks.push(check(validator, owner, `${pointer}/schema`, example.value, `#${pointer}/examples/${name}${ref}`));
      }
    }
  });
  return checks;
}

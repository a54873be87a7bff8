// Static check 3: every `$ref` of the bundle resolves. The bundle must hold internal refs only
// (`#/components/...`); an external, dangling or circular ref would break every consumer of
// dist/openapi.json. Refs inside example payloads are data, not references: the walk skips them.
import { appendPointer, isReference, RefError, resolveRef, walkObjects } from '@billing-api/openapi-model';
import type { Finding } from '../findings.js';

export function checkRefs(document: unknown): { refs: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let refs = 0;
  walkObjects(document, (node, pointer) => {
    if (!isReference(node)) return;
    refs++;
    try {
      resolveRef(document, node, pointer);
    } catch (error) {
      if (!(error instanceof RefError)) throw error;
      const ref = node.$ref;
      findings.push({
        operation: pointer.split('/').slice(1, 4).join('/'),
        location: 'spec',
        pointer: appendPointer(pointer, '$ref'),
        code: 'unresolved_ref',
        expected: 'an internal ref to an existing node',
        actual: JSON.stringify(ref),
        message:
          error.reason === 'external'
            ? `$ref ${ref} is external; the bundle must be self-contained`
            : error.reason === 'cycle'
              ? `$ref ${ref} refers back to itself`
              : `$ref ${ref} points at nothing`,
      });
    }
  });
  return { refs, findings };
}

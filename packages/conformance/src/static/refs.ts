// Static check 3: every `$ref` of the bundle resolves. The bundle must hold internal refs only
// (`#/components/...`); an external or dangling ref would break every consumer of dist/openapi.json.
import { getAt } from '@billing-api/validation';
import type { Finding } from '../findings.js';
import type { Json } from '../spec.js';
import { walk } from './walk.js';

export function checkRefs(document: Json): { refs: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let refs = 0;
  // Refs inside example payloads are data, not references: walk() does not enter examples.
  walk(document, (node, pointer) => {
    if (typeof node.$ref !== 'string') return;
    refs++;
    const ref = node.$ref;
    const ok = ref.startsWith('#') && getAt(document, ref) !== undefined;
    if (ok) return;
    findings.push({
      operation: pointer.split('/').slice(1, 4).join('/'),
      location: 'spec',
      pointer: `${pointer}/$ref`,
      code: 'unresolved_ref',
      expected: 'an internal ref to an existing node',
      actual: JSON.stringify(ref),
      message: ref.startsWith('#')
        ? `$ref ${ref} points at nothing`
        : `$ref ${ref} is external; the bundle must be self-contained`,
    });
  });
  return { refs, findings };
}

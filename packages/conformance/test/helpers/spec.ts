// Values taken from the bundled spec for tests (examples, documented headers), so tests restate nothing.
import { getAt } from '@billing-api/openapi-model';
import { bundledSpec } from '../../src/spec.js';

/** The value of a component example: `example('InvoiceUnpaid')`. */
export function example(name: string): any {
  const found = getAt(bundledSpec, `#/components/examples/${name}`) as { value: unknown } | undefined;
  if (!found) throw new Error(`no component example ${name}`);
  return structuredClone(found.value);
}

/** A deep copy of the bundle, to break on purpose. */
export function specCopy(): any {
  return structuredClone(bundledSpec);
}

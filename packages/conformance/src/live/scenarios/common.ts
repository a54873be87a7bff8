// Facts about an operation that several scenario families need, read from the spec: its documented
// statuses, its success status, whether it takes an Idempotency-Key, its path id parameter.

import { deref, documentedStatuses, type Json, operationObject } from '../../spec.js';
import type { ConformanceValidator } from '../../validators.js';

export function statusesOf(validator: ConformanceValidator, operation: string): number[] {
  const info = validator.spec.getOperation(operation)!;
  return documentedStatuses(operationObject(validator.document, info.pathTemplate, info.method));
}

export function successStatusOf(validator: ConformanceValidator, operation: string): number {
  const success = statusesOf(validator, operation).find((s) => s >= 200 && s < 300);
  if (success === undefined) throw new Error(`${operation} documents no success status`);
  return success;
}

export function takesIdempotencyKey(validator: ConformanceValidator, operation: string): boolean {
  return validator.spec.getOperation(operation)!.headerParameters.some((h) => h.toLowerCase() === 'idempotency-key');
}

/** The operation's parameters (path-item and operation level), resolved. */
export function parametersOf(validator: ConformanceValidator, operation: string): Json[] {
  const info = validator.spec.getOperation(operation)!;
  const item = validator.document.paths[info.pathTemplate] as Json;
  const op = operationObject(validator.document, info.pathTemplate, info.method);
  return [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: unknown) => deref(validator.document, p));
}

/** The resolved schema of a parameter or a schema node (follows `$ref` chains, keeps siblings' constraints). */
export function resolveSchema(validator: ConformanceValidator, schema: Json | undefined): Json {
  if (!schema) return {};
  let merged: Json = {};
  let current: Json | undefined = schema;
  for (let hops = 0; current && hops < 20; hops++) {
    const { $ref, ...rest }: Json = current;
    merged = { ...rest, ...merged };
    current = typeof $ref === 'string' ? deref(validator.document, { $ref }) : undefined;
  }
  return merged;
}

/** Every operationId, in document order. */
export function operationIds(validator: ConformanceValidator): string[] {
  return validator.spec.operations.map((o) => o.operationId);
}

/** The error codes the spec's examples give for a status of an operation (`[]` when none). */
export function documentedCodes(validator: ConformanceValidator, operation: string, status: number): string[] {
  const info = validator.spec.getOperation(operation)!;
  const response = deref(
    validator.document,
    operationObject(validator.document, info.pathTemplate, info.method).responses?.[String(status)],
  );
  const codes = new Set<string>();
  for (const media of Object.values((response?.content ?? {}) as Json)) {
    for (const raw of Object.values(((media as Json).examples ?? {}) as Json)) {
      const code = deref(validator.document, raw)?.value?.code;
      if (typeof code === 'string') codes.add(code);
    }
  }
  return [...codes];
}

/** The schema of a request-body property (`['lines', 'items', 'lineId']` walks into arrays). */
export function bodyPropertySchema(validator: ConformanceValidator, operation: string, path: string[]): Json {
  const info = validator.spec.getOperation(operation)!;
  const op = operationObject(validator.document, info.pathTemplate, info.method);
  let schema = resolveSchema(
    validator,
    deref(validator.document, op.requestBody)?.content?.['application/json']?.schema,
  );
  for (const step of path)
    schema = resolveSchema(validator, step === 'items' ? schema.items : schema.properties?.[step]);
  return schema;
}

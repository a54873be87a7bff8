// Facts about an operation that several scenario families need, read from the model's operation
// entry: its documented statuses, its success status, whether it takes an Idempotency-Key, its
// parameters, the error codes its examples give, the schema of a body property.
import {
  deref,
  documentedStatuses,
  type Example,
  type MaybeRef,
  type Parameter,
  refChain,
  type Schema,
} from '@billing-api/openapi-model';
import type { ConformanceValidator } from '../../validators.js';

export function statusesOf(validator: ConformanceValidator, operation: string): number[] {
  return documentedStatuses(validator.entry(operation));
}

export function successStatusOf(validator: ConformanceValidator, operation: string): number {
  const success = statusesOf(validator, operation).find((s) => s >= 200 && s < 300);
  if (success === undefined) throw new Error(`${operation} documents no success status`);
  return success;
}

export function takesIdempotencyKey(validator: ConformanceValidator, operation: string): boolean {
  return validator
    .entry(operation)
    .parameters.some(
      ({ parameter }) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
    );
}

/** The operation's parameters (path-item and operation level), resolved. */
export function parametersOf(validator: ConformanceValidator, operation: string): Parameter[] {
  return validator.entry(operation).parameters.map(({ parameter }) => parameter);
}

/**
 * A schema with its `$ref` chain folded in: the keywords of every link, the nearest winning (a `$ref`
 * with a sibling `minimum` keeps it), without `$ref`.
 */
export function resolveSchema(validator: ConformanceValidator, schema: MaybeRef<Schema> | undefined): Schema {
  if (!schema) return {};
  let merged: Schema = {};
  for (const { value } of refChain(validator.document, schema)) {
    const { $ref: _ref, ...rest } = value as Schema & { $ref?: string };
    merged = { ...rest, ...merged };
  }
  return merged;
}

/** Every operationId, in document order. */
export function operationIds(validator: ConformanceValidator): string[] {
  return validator.spec.operations.map((o) => o.operationId);
}

/** The error codes the spec's examples give for a status of an operation (`[]` when none). */
export function documentedCodes(validator: ConformanceValidator, operation: string, status: number): string[] {
  const response = validator.entry(operation).responses.find((r) => r.status === String(status))?.response;
  const codes = new Set<string>();
  for (const media of Object.values(response?.content ?? {})) {
    for (const raw of Object.values(media.examples ?? {})) {
      const value: unknown = deref<Example>(validator.document, raw).value;
      const code = (value as { code?: unknown } | null | undefined)?.code;
      if (typeof code === 'string') codes.add(code);
    }
  }
  return [...codes];
}

/** The JSON request body schema of an operation, if it takes one. */
export function requestSchema(validator: ConformanceValidator, operation: string): MaybeRef<Schema> | undefined {
  return validator.entry(operation).requestBody?.body.content?.['application/json']?.schema;
}

/** The schema of a request-body property (`['lines', 'items', 'lineId']` walks into arrays). */
export function bodyPropertySchema(validator: ConformanceValidator, operation: string, path: string[]): Schema {
  let schema = resolveSchema(validator, requestSchema(validator, operation));
  for (const step of path)
    schema = resolveSchema(validator, step === 'items' ? (schema.items as Schema) : schema.properties?.[step]);
  return schema;
}

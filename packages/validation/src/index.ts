// @billing-api/validation: validators compiled from the bundled Billing API spec, shared by the
// sandbox (request validation) and the conformance kit (response validation).

// Pointer helpers, kept here for callers that imported them from this package before the model existed.
export { escapeToken, getAt, toPointer } from '@billing-api/openapi-model';
export { countDecimals } from './decimal-places.js';
export { type ExampleCheck, validateExamples } from './examples.js';
export { createSpecValidator, type SpecValidator } from './spec-validator.js';
export type {
  Finding,
  FindingCode,
  FindingLocation,
  HeadersInput,
  OperationInfo,
  OperationMatch,
  QueryInput,
  RequestInput,
  RequestValidation,
  ResponseInput,
} from './types.js';
export { FIELD_FINDING_CODES, RESPONSE_FINDING_CODES } from './types.js';

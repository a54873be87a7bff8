// @billing-api/validation: validators compiled from the bundled Billing API spec, shared by the
// sandbox (request validation) and the conformance kit (response validation).

export { countDecimals } from './decimal-places.js';
export { escapeToken, getAt, toPointer } from './pointer.js';
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

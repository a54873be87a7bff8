// @billing-api/validation: validators compiled from the bundled Billing API spec, shared by the
// sandbox (request validation) and the conformance kit (response validation).
export { createSpecValidator, type SpecValidator } from './spec-validator.js';
export { countDecimals } from './decimal-places.js';
export { escapeToken, toPointer, getAt } from './pointer.js';
export { FIELD_FINDING_CODES, RESPONSE_FINDING_CODES } from './types.js';
export type {
  Finding,
  FindingCode,
  FindingLocation,
  OperationInfo,
  OperationMatch,
  RequestInput,
  RequestValidation,
  ResponseInput,
  QueryInput,
  HeadersInput,
} from './types.js';

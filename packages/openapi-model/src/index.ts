// @billing-api/openapi-model: the one way this repository reads an OpenAPI document.

export { missingStatuses, requiredStatuses, type StatusRequirement } from './conventions.js';
export type * from './document.js';
export { type DocumentedErrorCode, documentedErrorCodes } from './error-codes.js';
export { HTTP_METHODS, type HttpMethod, isHttpMethod } from './methods.js';
export {
  documentedStatuses,
  findOperation,
  isPublic,
  type ListOptions,
  listOperations,
  type OperationEntry,
  type OperationParameter,
  type OperationRequestBody,
  type OperationResponse,
  pathTemplateParameters,
  responseFor,
  scopesOf,
} from './operations.js';
export {
  appendPointer,
  escapeToken,
  getAt,
  PointerError,
  parsePointer,
  plainPointer,
  toPointer,
  unescapeToken,
} from './pointer.js';
export {
  type ChainLink,
  deref,
  isReference,
  RefError,
  type RefFailure,
  type Resolved,
  refChain,
  refName,
  resolveRef,
} from './ref.js';
export { type ObjectVisitor, walkObjects } from './walk.js';

// The public shapes of the validator: what a caller passes in and the findings it gets back. Kept in
// one module so the sandbox and the conformance kit share the exact vocabulary of the spec's FieldError.

/** Where a finding is: a request/response part, or the status line / content type itself. */
export type FindingLocation = 'path' | 'query' | 'header' | 'body' | 'status' | 'content-type';

/** Codes of findings about one input value: exactly the spec's `FieldError.code` enum (a test checks it). */
export const FIELD_FINDING_CODES = [
  'missing_required',
  'invalid_type',
  'invalid_format',
  'out_of_range',
  'too_long',
  'too_short',
  'invalid_value',
  'unknown_property',
] as const;

/** Codes of findings about a response as a whole (conformance checks). */
export const RESPONSE_FINDING_CODES = ['undocumented_status', 'undocumented_content_type', 'missing_header'] as const;

/** Why a value failed. */
export type FindingCode = (typeof FIELD_FINDING_CODES)[number] | (typeof RESPONSE_FINDING_CODES)[number];

/** One problem found in a request or a response. */
export interface Finding {
  /** operationId, or `METHOD /path` when no operation matched. */
  operation: string;
  /** The response status, for response findings. */
  status?: number;
  location: FindingLocation;
  /**
   * JSON pointer as the spec's FieldError describes it: into the body (`/amount`, `/lines/0/amount`,
   * `/` for the body as a whole) or to a parameter (`/query/limit`, `/path/id`, `/header/Idempotency-Key`).
   */
  pointer: string;
  code: FindingCode;
  /** What the spec expects, in words (`integer`, `<= 100`, `one of: a, b`). */
  expected: string;
  /** What was found, as short JSON text (`"abc"`, `101`), or `(missing)`. */
  actual: string;
  /** A sentence for humans: the field and what is wrong with it. */
  message: string;
}

/** An operation of the spec, as the validator indexes it. */
export interface OperationInfo {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template as written in the spec, e.g. `/api/v2/billing/invoices/{id}`. */
  pathTemplate: string;
  /** Effective security requirements (operation's own, else the document's); `[]` means public. */
  security: Array<Record<string, string[]>>;
  /** Names of the header parameters it declares (as spelled in the spec). */
  headerParameters: string[];
  /** Whether it declares a request body, and whether that body is required. */
  requestBody: 'none' | 'optional' | 'required';
}

/** The result of `matchOperation`. */
export interface OperationMatch {
  operationId: string;
  pathTemplate: string;
  /** Raw (percent-decoded) path parameter values, by name. */
  pathParams: Record<string, string>;
  operation: OperationInfo;
}

/** Query values as a URL gives them: one string, several strings, or a URLSearchParams. */
export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Header values as node:http gives them (names in any case). */
export type HeadersInput = Record<string, string | string[] | number | undefined> | Headers;

export interface RequestInput {
  method: string;
  /** The request path; a query string after `?` is ignored (pass `query`). */
  path: string;
  query?: QueryInput;
  headers?: HeadersInput;
  /** The parsed JSON body, or `undefined` when no body was sent. */
  body?: unknown;
  /** The request's Content-Type, when a body was sent (defaults to application/json). */
  contentType?: string;
}

export interface RequestValidation {
  /** The matched operation, or `undefined` when no operation has this method and path. */
  operation: OperationMatch | undefined;
  findings: Finding[];
  /** Parameters coerced to their schema types, with the spec's defaults filled in. */
  params: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, unknown>;
  };
  /** The body with the spec's defaults filled in (a copy; the input is not changed). */
  body: unknown;
}

export interface ResponseInput {
  /** Identify the operation by id, or by method and path. */
  operationId?: string;
  method?: string;
  path?: string;
  status: number;
  headers?: HeadersInput;
  /** The response Content-Type (parameters such as charset are ignored). */
  contentType?: string;
  /** The parsed body, or `undefined` when the response had none. */
  body?: unknown;
}

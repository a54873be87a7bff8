// The one error type the API layer renders (api/v2/problems.ts, api/v1/errors.ts): a version-specific
// `code` (v2 lower_snake, v1 UPPER_SNAKE) and a human sentence. Its HTTP status is the one the spec
// documents for that code on the operation (spec.ts), unless a status is given.

import type { FieldError, Problem } from '@billing-api/types';

export type { FieldError };

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly options: {
      errors?: FieldError[];
      /** Facts a client can act on (a v2 problem's `extensions`). */
      extensions?: Problem['extensions'];
      headers?: Record<string, string>;
      retryAfter?: number;
      status?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

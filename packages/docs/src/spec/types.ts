/**
 * Not a model of our own: `scripts/old-consumers` still imports the document type from this path.
 * Delete this file once that check reads the samples through `@billing-api/docs/samples` (its move
 * to a package of its own does).
 */
export type { OpenApiDocument } from '@billing-api/openapi-model';

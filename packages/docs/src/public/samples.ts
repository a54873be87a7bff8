/**
 * `@billing-api/docs/samples`: the TypeScript sample of every operation, generated from a bundled
 * spec exactly as the docs site renders it. The old-consumers check compiles the samples of the
 * previous release against the new client, so it needs them without building the site.
 */
import { buildModel } from '../site/model.js';
import type { OpenApiDocument } from '../spec/types.js';

/** operationId -> the TypeScript sample shown on that operation's page. */
export function typescriptSamples(document: object): Map<string, string> {
  const model = buildModel(document as OpenApiDocument);
  return new Map([...model.samples].map(([operationId, samples]) => [operationId, samples.typescript]));
}

/**
 * Everything the pages need, computed once per build from the bundled spec: the operations, the
 * error catalogue, each operation's related operations and its cURL and TypeScript samples.
 */

import { curlSample } from '../samples/curl.js';
import { type SampleRequest, sampleRequest } from '../samples/request.js';
import { typescriptSample } from '../samples/typescript.js';
import { collectErrorCodes, type ErrorCodeEntry } from '../spec/errors.js';
import { type ApiOperation, listOperations, sandboxServerUrl } from '../spec/operations.js';
import { type RelatedOperation, relatedOperations } from '../spec/related.js';
import type { OpenApiDocument } from '../spec/types.js';

export interface OperationSamples {
  request: SampleRequest;
  curl: string;
  typescript: string;
}

export interface SiteModel {
  document: OpenApiDocument;
  title: string;
  serverUrl: string;
  operations: ApiOperation[];
  errors: ErrorCodeEntry[];
  samples: Map<string, OperationSamples>;
  related: Map<string, RelatedOperation[]>;
  /** Tag groups in `x-tagGroups` order, each with its operations. */
  groups: Array<{ name: string; operations: ApiOperation[] }>;
}

export function buildModel(document: OpenApiDocument): SiteModel {
  const operations = listOperations(document);
  const samples = new Map<string, OperationSamples>();
  const related = new Map<string, RelatedOperation[]>();
  for (const op of operations) {
    const request = sampleRequest(document, op);
    samples.set(op.operationId, {
      request,
      curl: curlSample(request),
      typescript: typescriptSample(document, request),
    });
    related.set(op.operationId, relatedOperations(operations, op));
  }
  const groupNames = [...(document['x-tagGroups']?.map((g) => g.name) ?? []), ...operations.map((op) => op.group)];
  const groups = [...new Set(groupNames)]
    .map((name) => ({ name, operations: operations.filter((op) => op.group === name) }))
    .filter((group) => group.operations.length > 0);
  return {
    document,
    title: document.info.title,
    serverUrl: sandboxServerUrl(document),
    operations,
    errors: collectErrorCodes(operations),
    samples,
    related,
    groups,
  };
}

export function samplesOf(model: SiteModel, operationId: string): OperationSamples {
  const samples = model.samples.get(operationId);
  if (!samples) throw new Error(`no samples for ${operationId}`);
  return samples;
}

/**
 * Everything the pages need, computed once per build from the bundled spec: the operations, the
 * error catalogue, each operation's related operations and its cURL and TypeScript samples, the
 * servers, and the build's settings (the public base URL, the changelog input).
 */
import type { OpenApiDocument } from '@billing-api/openapi-model';
import type { ReleaseReport } from '../changelog/report.js';
import { curlSample } from '../samples/curl.js';
import { type SampleRequest, sampleRequest } from '../samples/request.js';
import { typescriptSample } from '../samples/typescript.js';
import { collectErrorCodes, type ErrorCodeEntry } from '../spec/errors.js';
import { type ApiOperation, apiOperations } from '../spec/operations.js';
import { type RelatedOperation, relatedOperations } from '../spec/related.js';
import { type ApiServer, apiServers, sandboxServer } from '../spec/servers.js';
import { tagGroups } from '../spec/tag-groups.js';

export interface OperationSamples {
  request: SampleRequest;
  curl: string;
  typescript: string;
}

export interface SiteOptions {
  /**
   * Public base URL of the docs (no trailing slash). Default: the spec's `info.contact.url`, the
   * docs site the spec names (and the host of its problem `type` URIs).
   */
  baseUrl?: string;
  /** The breaking-change reports between released versions, newest first (the changelog page). */
  releases?: ReleaseReport[];
  /** Why the release history could not be read (the changelog page says so instead). */
  changelogUnavailable?: string;
}

export interface SiteModel {
  document: OpenApiDocument;
  title: string;
  servers: ApiServer[];
  /** The local sandbox's base URL (try-it and the guides). */
  sandboxUrl: string;
  baseUrl?: string;
  releases: ReleaseReport[];
  changelogUnavailable?: string;
  operations: ApiOperation[];
  errors: ErrorCodeEntry[];
  samples: Map<string, OperationSamples>;
  related: Map<string, RelatedOperation[]>;
  /** Tag groups in `x-tagGroups` order, each with its operations. */
  groups: Array<{ name: string; operations: ApiOperation[] }>;
}

export function buildModel(document: OpenApiDocument, options: SiteOptions = {}): SiteModel {
  const operations = apiOperations(document);
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
  const groupNames = [...tagGroups(document).map((g) => g.name), ...operations.map((op) => op.group)];
  const groups = [...new Set(groupNames)]
    .map((name) => ({ name, operations: operations.filter((op) => op.group === name) }))
    .filter((group) => group.operations.length > 0);
  const servers = apiServers(document);
  return {
    document,
    title: document.info.title,
    servers,
    sandboxUrl: sandboxServer(servers).url,
    baseUrl: (options.baseUrl ?? contactUrl(document))?.replace(/\/+$/, ''),
    releases: options.releases ?? [],
    changelogUnavailable: options.changelogUnavailable,
    operations,
    errors: collectErrorCodes(operations),
    samples,
    related,
    groups,
  };
}

function contactUrl(document: OpenApiDocument): string | undefined {
  const url = document.info.contact?.url;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
}

export function samplesOf(model: SiteModel, operationId: string): OperationSamples {
  const samples = model.samples.get(operationId);
  if (!samples) throw new Error(`no samples for ${operationId}`);
  return samples;
}

export function operationOf(model: SiteModel, operationId: string): ApiOperation {
  const op = model.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  return op;
}

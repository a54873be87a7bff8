/**
 * A small HTTP server that answers every operation of the bundled spec from its named examples, for
 * the integration suite until @billing-api/sandbox exists. Our own rather than Prism: Prism 5's
 * current releases require Node 24 and pull ~100 packages; this is 100 lines over the same spec.
 *
 * - routes by method and path template; checks the API key where the operation's security requires
 *   one (`Authorization: Bearer <key>` or `X-API-Key: <key>`) and answers the operation's 401 otherwise;
 * - answers the lowest 2xx with its first example, or what the request asks for with Prism's
 *   `Prefer: code=409, example=invoiceNotUnpaid`;
 * - `X-Mock-Delay-Ms: n` delays the answer (to test timeouts on a real socket);
 * - records each request (and whether the client aborted it) for the tests to inspect.
 */

import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>;
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  aborted: boolean;
}
export interface MockServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@billing-api/openapi/openapi.json'), 'utf8'),
) as Json;
const deref = (node: Json): Json =>
  node?.$ref
    ? deref(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((o: Json, k: string) => o[k], spec),
      )
    : node;

const routes = Object.entries(spec.paths as Json).flatMap(([template, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({
    method: method.toUpperCase(),
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    op: op as Json,
  })),
);

function answer(op: Json, code: string | undefined, exampleName: string | undefined) {
  const statuses = Object.keys(op.responses);
  const status = code && statuses.includes(code) ? code : (statuses.find((s) => s.startsWith('2')) as string);
  const response = deref(op.responses[status]);
  const [mediaType, media] = Object.entries(response.content as Json)[0] as [string, Json];
  const examples = media.examples as Json;
  const example = deref(examples[exampleName ?? ''] ?? Object.values(examples)[0]).value;
  const headers: Record<string, string> = { 'content-type': mediaType };
  for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
    const value = deref(header).example;
    if (value !== undefined && name !== 'Idempotent-Replayed') headers[name.toLowerCase()] = String(value);
  }
  if (example?.requestId) headers['x-request-id'] = example.requestId;
  return { status: Number(status), headers, body: JSON.stringify(example) };
}

function authorized(op: Json, req: http.IncomingMessage, apiKey: string): boolean {
  const requirement = (op.security ?? spec.security)[0];
  if (!requirement || Object.keys(requirement).length === 0) return true;
  const scheme = spec.components.securitySchemes[Object.keys(requirement)[0] as string];
  return scheme.type === 'http'
    ? req.headers.authorization === `Bearer ${apiKey}`
    : req.headers[scheme.name.toLowerCase()] === apiKey;
}

export async function startMockServer(apiKey: string): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        aborted: false,
      };
      requests.push(record);
      res.on('close', () => {
        record.aborted = !res.writableFinished;
      });
      const pathname = new URL(record.url, 'http://mock').pathname;
      const route = routes.find((r) => r.method === record.method && r.pattern.test(pathname));
      if (!route)
        return res.writeHead(404, { 'content-type': 'text/plain' }).end(`no operation ${record.method} ${pathname}`);
      const prefer = String(req.headers.prefer ?? '');
      const code = /code=(\d{3})/.exec(prefer)?.[1] ?? (authorized(route.op, req, apiKey) ? undefined : '401');
      const { status, headers, body } = answer(route.op, code, /example=(\w+)/.exec(prefer)?.[1]);
      const send = () => res.writeHead(status, headers).end(body);
      const delay = Number(req.headers['x-mock-delay-ms'] ?? 0);
      if (delay > 0) setTimeout(send, delay).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

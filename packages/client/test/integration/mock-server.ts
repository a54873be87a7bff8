/**
 * A small HTTP server that answers every operation of the bundled spec from its named examples, for
 * the integration suite (read through openapi-model). Our own rather than Prism: Prism 5's current
 * releases require Node 24 and pull ~100 packages; this is 100 lines over the same spec.
 *
 * - routes by method and path template; checks the API key where the operation's security requires
 *   one (`Authorization: Bearer <key>` or `X-API-Key: <key>`) and answers the operation's 401 otherwise;
 * - answers the lowest 2xx with its first example, or what the request asks for with Prism's
 *   `Prefer: code=409, example=invoiceNotUnpaid`;
 * - `X-Mock-Delay-Ms: n` delays the answer (to test timeouts on a real socket);
 * - `X-Mock-Drop-Body: <token>` cuts the connection in the middle of the body, once per token;
 * - records each request (and whether the client aborted it) for the tests to inspect.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openapi } from '@billing-api/openapi';
import {
  deref,
  type Example,
  type Header,
  isPublic,
  listOperations,
  type OperationEntry,
} from '@billing-api/openapi-model';

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

const routes = listOperations(openapi).map((op) => ({
  method: op.method.toUpperCase(),
  pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  op,
}));

function answer(op: OperationEntry, code: string | undefined, exampleName: string | undefined) {
  const response =
    op.responses.find((r) => r.status === code) ?? (op.responses.find((r) => r.status.startsWith('2')) as never);
  const [mediaType, media] = Object.entries(response.response.content ?? {})[0] as [string, { examples: object }];
  const examples = media.examples as Record<string, Example>;
  const example = deref<Example>(openapi, examples[exampleName ?? ''] ?? (Object.values(examples)[0] as Example))
    .value as { requestId?: string };
  const headers: Record<string, string> = { 'content-type': mediaType };
  for (const [name, header] of Object.entries(response.response.headers ?? {})) {
    const value = deref<Header>(openapi, header).example;
    if (value !== undefined && name !== 'Idempotent-Replayed') headers[name.toLowerCase()] = String(value);
  }
  if (example?.requestId) headers['x-request-id'] = example.requestId;
  return { status: Number(response.status), headers, body: JSON.stringify(example) };
}

function authorized(op: OperationEntry, req: http.IncomingMessage, apiKey: string): boolean {
  if (isPublic(op)) return true;
  const scheme = deref(openapi, openapi.components?.securitySchemes?.[Object.keys(op.security[0] ?? {})[0] ?? '']);
  return scheme?.type === 'http'
    ? req.headers.authorization === `Bearer ${apiKey}`
    : req.headers[String(scheme?.name).toLowerCase()] === apiKey;
}

export async function startMockServer(apiKey: string): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const dropped = new Set<string>();
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
      // X-Mock-Drop-Body: <token>: the first request with that token gets its headers and half its
      // body, then the connection is destroyed (what a crashing proxy or server does).
      const drop = req.headers['x-mock-drop-body'];
      if (typeof drop === 'string' && !dropped.has(drop)) {
        dropped.add(drop);
        res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
        res.write(body.slice(0, body.length / 2), () => setTimeout(() => res.destroy(), 10));
        return;
      }
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

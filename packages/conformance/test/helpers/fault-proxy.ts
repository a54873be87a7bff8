// A small node:http proxy that puts a faulty server in front of a real sandbox: it forwards every
// request, and for the operation a fault names it rewrites the request or the response (drop a body
// field, change the status or Content-Type, remove a header, turn a 400 into a 500, skip the auth
// check). The sandbox package itself is never changed. Listens on 127.0.0.1, port 0.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledValidator } from '../../src/validators.js';

export interface ProxiedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Fault {
  /** The operationId whose traffic it changes. */
  operation: string;
  /** Rewrites the upstream response. `resend` forwards another request upstream (for skipped auth). */
  response(
    response: ProxiedResponse,
    request: ProxiedRequest,
    resend: (request: ProxiedRequest) => Promise<ProxiedResponse>,
  ): Promise<ProxiedResponse> | ProxiedResponse;
}

export interface FaultProxy {
  url: string;
  /** How many responses each fault changed. */
  applied: number;
  close(): Promise<void>;
}

export function jsonResponse(response: ProxiedResponse, edit: (body: any) => unknown): ProxiedResponse {
  const body = Buffer.from(JSON.stringify(edit(JSON.parse(response.body.toString('utf8')))));
  return { ...response, body, headers: { ...response.headers, 'content-length': String(body.length) } };
}

export async function startFaultProxy(upstream: string, faults: Fault[]): Promise<FaultProxy> {
  const target = new URL(upstream);
  const validator = bundledValidator();
  const forward = (req: ProxiedRequest) =>
    new Promise<ProxiedResponse>((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(req.body);
    });
  const proxy: FaultProxy = { url: '', applied: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const incoming: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: { ...req.headers },
        body: Buffer.concat(chunks),
      };
      try {
        let response = await forward(incoming);
        const operation = validator.spec.matchOperation(incoming.method, incoming.path.split('?')[0]!)?.operationId;
        for (const fault of faults) {
          if (fault.operation !== operation) continue;
          const changed = await fault.response(response, incoming, forward);
          if (changed !== response) proxy.applied++;
          response = changed;
        }
        const headers = { ...response.headers };
        delete headers['transfer-encoding'];
        headers['content-length'] = String(response.body.length);
        res.writeHead(response.status, headers);
        res.end(response.body);
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

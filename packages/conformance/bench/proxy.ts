// The kit's validators as a validation proxy, for the HTTP half of the bench: forwards each request to
// the upstream, validates the request and the response against the spec (as Prism's proxy does) and
// reports the number of findings in `x-conformance-findings`. Prints its URL on stdout; runs in its
// own process so it has a core of its own, like the Prism proxy it is compared with.
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isJsonMedia } from '../src/live/http.js';
import { bundledValidator } from '../src/validators.js';

const upstream = new URL(process.argv[2]!);
const validator = bundledValidator();
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const checked = validator.spec.validateRequest({
      method,
      path,
      query: new URL(path, 'http://proxy.invalid').searchParams,
      headers: req.headers,
    });
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method, path, headers: req.headers, agent },
      (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          const text = Buffer.concat(body).toString('utf8');
          const parsed = text && isJsonMedia(up.headers['content-type']) ? JSON.parse(text) : text || undefined;
          const operation = checked.operation?.operationId;
          const findings = operation
            ? validator.validateResponse(operation, up.statusCode ?? 502, up.headers, parsed).length +
              checked.findings.length
            : 1;
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-conformance-findings': String(findings) });
          res.end(text);
        });
      },
    );
    out.end(Buffer.concat(chunks));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
);

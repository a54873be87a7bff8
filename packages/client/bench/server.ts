/**
 * The benchmark's HTTP server, run in its own process so that its work does not share the event loop
 * with the clients being measured. Answers every request with the spec's `InvoiceUnpaid` example and
 * sends its port to the parent over IPC.
 */
import http from 'node:http';
import { openapi } from '@billing-api/openapi';
import { deref, type Example } from '@billing-api/openapi-model';

const body = JSON.stringify(deref<Example>(openapi, openapi.components?.examples?.InvoiceUnpaid ?? {}).value);
const headers = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
  'x-request-id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
};

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, headers).end(body));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
process.on('disconnect', () => server.close(() => process.exit(0)));

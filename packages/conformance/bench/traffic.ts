// The bench's traffic: invoice-sized bodies from the spec's own examples (Invoice, InvoiceList) as the
// 200 responses of getInvoice and listInvoices, and a node:http upstream on 127.0.0.1 that replays them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getAt } from '@billing-api/validation';
import { bundledSpec } from '../src/spec.js';

const example = (name: string): unknown =>
  (getAt(bundledSpec, `#/components/examples/${name}`) as { value: unknown }).value;

export interface Sample {
  operation: 'getInvoice' | 'listInvoices';
  path: string;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

const invoice = example('InvoiceUnpaid') as { id: string };
const list = example('InvoiceList');
const headers = { 'content-type': 'application/json', 'x-request-id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5c' };

export const SAMPLES: Sample[] = [
  {
    operation: 'getInvoice',
    path: `/api/v2/billing/invoices/${invoice.id}`,
    headers,
    body: invoice,
    text: JSON.stringify(invoice),
  },
  { operation: 'listInvoices', path: '/api/v2/billing/invoices', headers, body: list, text: JSON.stringify(list) },
];

/** Replays the samples by path (404 for anything else). */
export async function startUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const sample = SAMPLES.find((s) => s.path === (req.url ?? '').split('?')[0]);
    req.resume();
    if (!sample) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...sample.headers, 'content-length': Buffer.byteLength(sample.text) });
    res.end(sample.text);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

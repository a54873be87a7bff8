// An ES module application: the typed client against a running server, the bundled spec, the types.
import { createRequire } from 'node:module';
import { createBillingClient, isBillingApiError } from '@billing-api/client';
import { openapi } from '@billing-api/openapi';
import type { Invoice, InvoiceList, OperationId } from '@billing-api/types';

const [baseUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey) throw new Error('usage: node dist/esm.js <base-url> <api-key>');

const billing = createBillingClient({ baseUrl, apiKey });
const page: InvoiceList = await billing.GET('/api/v2/billing/invoices', { params: { query: { limit: 5 } } });
const first: Invoice | undefined = page.data[0];
if (!first) throw new Error('the sandbox listed no invoices');
const again = await billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: first.id } } });

let notFound = 0;
try {
  await billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: `${first.id.slice(0, -4)}zzzz` } } });
} catch (error) {
  if (!isBillingApiError(error)) throw error;
  notFound = error.status;
}

const installed = createRequire(import.meta.url)('@billing-api/openapi/package.json') as { version: string };
const operation: OperationId = 'getInvoice';
console.log(
  JSON.stringify({
    module: 'esm',
    invoices: page.data.length,
    sameInvoice: again.id === first.id,
    notFound,
    specVersion: openapi.info.version,
    packageVersion: installed.version,
    hasOperation: JSON.stringify(openapi.paths).includes(`"operationId":"${operation}"`),
  }),
);

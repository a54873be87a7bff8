// A CommonJS application: the client's require() build and the types' .d.cts, the same calls.
import type { Invoice } from '@billing-api/types';

import billing = require('@billing-api/client');

const { createBillingClient, isBillingApiError } = billing;

async function main(): Promise<void> {
  const [baseUrl, apiKey] = process.argv.slice(2);
  if (!baseUrl || !apiKey) throw new Error('usage: node dist/cjs.cjs <base-url> <api-key>');
  const client = createBillingClient({ baseUrl, apiKey });
  const page = await client.GET('/api/v2/billing/invoices', { params: { query: { limit: 5 } } });
  const first: Invoice | undefined = page.data[0];
  if (!first) throw new Error('the sandbox listed no invoices');
  let unauthorized = 0;
  try {
    await createBillingClient({ baseUrl, apiKey: 'sk_test_never_issued', retry: false }).GET(
      '/api/v2/billing/invoices',
    );
  } catch (error) {
    if (!isBillingApiError(error)) throw error;
    unauthorized = error.status;
  }
  const spec = require('@billing-api/openapi/openapi.json') as { info: { version: string } };
  console.log(
    JSON.stringify({ module: 'cjs', invoices: page.data.length, unauthorized, specVersion: spec.info.version }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

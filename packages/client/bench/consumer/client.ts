// Type-check benchmark, client side: the same calls (and the same branch on an error code) as
// raw-openapi-fetch.ts, through @billing-api/client.
import { createBillingClient, isBillingApiError } from '@billing-api/client';

const billing = createBillingClient({ baseUrl: 'https://billing.example', apiKey: 'key' });

export async function consumer(): Promise<number> {
  const list = await billing.GET('/api/v2/billing/invoices', { params: { query: { status: 'unpaid', limit: 50 } } });
  const invoice = await billing.GET('/api/v2/billing/invoices/{id}', {
    params: { path: { id: list.data[0]?.id ?? 'inv_x' } },
  });
  const applied = await billing
    .POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
      params: { path: { id: invoice.id } },
      body: { amount: 130, noEmail: true },
    })
    .catch((error: unknown) => {
      if (isBillingApiError(error, 'applyCreditToInvoice') && error.code === 'invoice_not_unpaid')
        return { amountApplied: error.status };
      throw error;
    });
  const note = await billing.GET('/api/v2/billing/invoices/{id}/credit-note', { params: { path: { id: invoice.id } } });
  const v1 = await billing.GET('/api/billing/invoices', { params: { query: { status: 'Unpaid', page: 1 } } });
  const v1Applied = await billing.POST('/api/billing/invoice/{id}/apply-credit', {
    params: { path: { id: 46376 } },
    body: { amount: '130.00' },
  });
  const cards = await billing.GET('/api/v2/billing/cards');
  return (
    applied.amountApplied + note.byteLength + v1.data.invoices.length + v1Applied.data.amount.length + cards.data.length
  );
}

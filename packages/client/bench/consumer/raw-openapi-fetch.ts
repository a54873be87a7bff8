// Type-check benchmark, peer side: the same calls as client.ts, with plain openapi-fetch and the same types.

import type { paths } from '@billing-api/types';
import createClient from 'openapi-fetch';

const api = createClient<paths>({ baseUrl: 'https://billing.example', headers: { Authorization: 'Bearer key' } });

export async function consumer(): Promise<number> {
  const list = await api.GET('/api/v2/billing/invoices', { params: { query: { status: 'unpaid', limit: 50 } } });
  if (!list.data) throw new Error('list');
  const invoice = await api.GET('/api/v2/billing/invoices/{id}', {
    params: { path: { id: list.data.data[0]?.id ?? 'inv_x' } },
  });
  if (!invoice.data) throw new Error('invoice');
  const applied = await api.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
    params: { path: { id: invoice.data.id } },
    body: { amount: 130, noEmail: true },
  });
  if (applied.error?.code === 'invoice_not_unpaid') return applied.error.status;
  if (!applied.data) throw new Error('applied');
  const note = await api.GET('/api/v2/billing/invoices/{id}/credit-note', {
    params: { path: { id: invoice.data.id } },
  });
  if (!note.data) throw new Error('note');
  const v1 = await api.GET('/api/billing/invoices', { params: { query: { status: 'Unpaid', page: 1 } } });
  if (!v1.data) throw new Error('v1');
  const v1Applied = await api.POST('/api/billing/invoice/{id}/apply-credit', {
    params: { path: { id: 46376 } },
    body: { amount: '130.00' },
  });
  if (!v1Applied.data) throw new Error('v1Applied');
  const cards = await api.GET('/api/v2/billing/cards');
  if (!cards.data) throw new Error('cards');
  return (
    applied.data.amountApplied +
    note.data.byteLength +
    v1.data.data.invoices.length +
    v1Applied.data.data.amount.length +
    cards.data.data.length
  );
}

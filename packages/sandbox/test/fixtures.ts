// Small builders for test accounts: each test makes the account it needs through the control API,
// so tests never depend on each other's state.
import type { AccountSpec, CreatedAccount } from '../src/domain/accounts.js';
import type { TestSandbox } from './helpers.js';

/** One 100.00 line at 25 %: total 125.00. */
export const line = (unitAmount = 100, description = 'Webbhotell Bas, 1 månad', taxRate = 25) => ({
  description,
  unitAmount,
  taxRate,
});

export interface Fixture extends CreatedAccount {
  rw: string;
  ro: string;
  wo: string;
  inv: (i?: number) => { id: string; legacyId: string; number: string | null; status: string };
}

export async function account(t: TestSandbox, spec: AccountSpec = {}): Promise<Fixture> {
  const created = await t.createAccount({
    type: 'business',
    credit: 1000,
    cards: [{ last4: '4242' }],
    invoices: [{ status: 'unpaid', lines: [line()] }],
    keys: { rw: ['read:billing', 'write:billing'], ro: ['read:billing'], wo: ['write:billing'] },
    ...spec,
  });
  return {
    ...created,
    rw: created.keys.rw!,
    ro: created.keys.ro!,
    wo: created.keys.wo!,
    inv: (i = 0) => {
      const invoice = created.invoices[i];
      if (!invoice) throw new Error(`fixture has no invoice ${i}`);
      return invoice;
    },
  };
}

export const UNKNOWN_INVOICE = 'inv_00000000000000000000000000';
export const UNKNOWN_LINE = 'line_00000000000000000000000000';
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

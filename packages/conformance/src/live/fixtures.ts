// Accounts for scenarios. On a sandbox each scenario gets a fresh account made by the control
// endpoints in the state it needs; on any other server the run's own key is used and the data it can
// see is searched (black-box). Either way every id comes from an API response (a list, then its
// entries). Bodies are typed with @billing-api/types: they were validated against the same spec.
import { randomInt } from 'node:crypto';
import type { Card, CardV1, CreditBalance, Invoice, InvoiceV1, SuccessBody } from '@billing-api/types';
import type { ConformanceValidator } from '../validators.js';
import { SANDBOX_CARDS, type SandboxControl } from './control.js';
import { allScopes, type Keys, keyFor, schemeOf } from './credentials.js';
import { Unreachable } from './errors.js';
import type { CallOptions, Exchange, Scope } from './session.js';

export interface AccountRecipe {
  type?: 'business' | 'personal';
  /** Credit balance in major units (sandbox; elsewhere scenarios check the balance they find). */
  credit?: number;
  invoices?: Array<{ status: string; kind?: 'standard' | 'add_funds' }>;
  /** The saved card: one that approves (default), one that declines, or none. */
  cards?: 'approves' | 'declines' | 'none';
}

export interface Fixture {
  readonly keys: Keys;
  /** The sandbox account, when the kit made it (undefined on other servers). */
  readonly accountId: string | undefined;
  /** Calls with this account's key (a CallOptions `key` overrides it). */
  call(operation: string, options?: CallOptions): Promise<Exchange>;
  /** The `nth` v2 invoice in a status (from `listInvoices`), of kind `standard` unless another is asked for. */
  invoice(status: string, options?: { kind?: string; nth?: number }): Promise<Invoice>;
  /** The `nth` standard v1 invoice in a (v2-spelled) status (from `listInvoicesV1`). */
  invoiceV1(status: string, options?: { nth?: number }): Promise<InvoiceV1>;
  cards(): Promise<Card[]>;
  cardsV1(): Promise<CardV1[]>;
  /** The credit balance (`getCreditBalance`). */
  credit(): Promise<CreditBalance>;
  /** A key of this account that lacks `scope`. */
  keyLacking(scope: string): string;
  /** The same account, with calls filed under another scenario's scope. */
  in(scope: Scope): Fixture;
}

/** Requires a setup step's status and returns its body (see ScenarioContext.setup). */
export type Setup = <T = unknown>(exchange: Exchange, status: number) => T;

/** A key of the same shape as `key` that the server never issued. */
export function wrongKey(key: string): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const tail = Array.from({ length: Math.min(8, key.length) }, () => alphabet[randomInt(alphabet.length)]).join('');
  return key.length > 8 ? key.slice(0, -8) + tail : `${key}${tail}`;
}

/** The v1 spelling of a v2 invoice status: the two status enums of the spec, position by position. */
export function statusV1(validator: ConformanceValidator, status: string): string {
  const schemas = validator.document.components?.schemas ?? {};
  const enumOf = (name: string) => {
    const schema = schemas[name];
    return schema && 'enum' in schema && Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  };
  const v1 = enumOf('InvoiceStatusV1')[enumOf('InvoiceStatus').indexOf(status)];
  if (!v1) throw new Error(`no v1 spelling of invoice status ${status}`);
  return v1;
}

/**
 * Lookups a black-box run shares between its scenarios, so that the server's rate limit is spent on
 * the checks, not on finding the same invoice again. A list read once is reused: entries the run has
 * changed since (by id: a path parameter or a body's `invoiceId`) are left out, and when what is left
 * is not enough the list is read again. The credit balance is read again after any change.
 */
export class Lookups {
  private readonly entries = new Map<string, { seq: number; exchange: Promise<Exchange> }>();

  /** The exchange of `key`, read at or after change number `minSeq`, with the change number it was read at. */
  async read(
    scope: Scope,
    key: string,
    load: () => Promise<Exchange>,
    minSeq: number,
  ): Promise<{ exchange: Exchange; seq: number }> {
    const cached = this.entries.get(key);
    if (cached && cached.seq >= minSeq) return { exchange: await cached.exchange, seq: cached.seq };
    const seq = scope.session.mutations;
    const exchange = load();
    this.entries.set(key, { seq, exchange });
    try {
      const done = await exchange;
      if (done.response.status !== 200) this.entries.delete(key); // only a 200 is worth keeping
      return { exchange: done, seq };
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
  }
}

interface FixtureParts {
  scope: Scope;
  keys: Keys;
  accountId: string | undefined;
  lacking: Record<string, string> | undefined;
  setup: Setup;
  lookups: Lookups | undefined;
}

function makeFixture(parts: FixtureParts): Fixture {
  const { scope, keys, accountId, lacking, setup, lookups } = parts;
  const validator = scope.validator;
  const call = (operation: string, options: CallOptions = {}) => {
    const use = schemeOf(validator, operation);
    const method = validator.spec.getOperation(operation)?.method;
    return scope.call(operation, { ...(use ? { key: keyFor(use.scheme, keys, method) } : {}), ...options });
  };
  const session = scope.session;
  /** A read, served from the run's lookups when there are any; `seq` is the change count it reflects. */
  const read = async <T>(
    operation: string,
    options: CallOptions,
    minSeq: number,
  ): Promise<{ body: T; seq: number }> => {
    const load = () => call(operation, options);
    const { exchange, seq } = lookups
      ? await lookups.read(scope, `${operation} ${JSON.stringify(options)}`, load, minSeq)
      : { exchange: await load(), seq: session.mutations };
    return { body: setup<T>(exchange, 200), seq };
  };
  /** Whether the run changed one of `ids` after change number `seq`. */
  const changedSince = (seq: number, ids: Array<string | number>) =>
    ids.some((id) => (session.changed.get(String(id)) ?? 0) > seq);
  /** The `nth` entry of a list not changed since it was read; the list is read again when too few are left. */
  const nthOf = async <T>(
    list: (minSeq: number) => Promise<{ items: T[]; seq: number }>,
    ids: (item: T) => Array<string | number>,
    nth: number,
  ): Promise<{ found: T | undefined; seen: number }> => {
    let { items, seq } = await list(0);
    let usable = items.filter((item) => !changedSince(seq, ids(item)));
    if (usable.length <= nth && seq < session.mutations) {
      ({ items, seq } = await list(session.mutations));
      usable = items;
    }
    return { found: usable[nth], seen: usable.length };
  };
  return {
    keys,
    accountId,
    call,
    async invoice(status, options = {}) {
      const kind = options.kind ?? 'standard';
      const nth = options.nth ?? 0;
      const { found, seen } = await nthOf(
        async (minSeq) => {
          const query = { status, kind, limit: 100 };
          const { body, seq } = await read<SuccessBody<'listInvoices'>>('listInvoices', { query }, minSeq);
          return { items: body.data, seq };
        },
        (invoice) => [invoice.id, invoice.legacyId],
        nth,
      );
      if (!found)
        throw new Unreachable(`needs ${nth + 1} ${kind} invoice(s) in status ${status}; the API key sees ${seen}`);
      return found;
    },
    async invoiceV1(status, options = {}) {
      const nth = options.nth ?? 0;
      const { found, seen } = await nthOf(
        async (minSeq) => {
          const query = { status: statusV1(validator, status), limit: 100 };
          const { body, seq } = await read<SuccessBody<'listInvoicesV1'>>('listInvoicesV1', { query }, minSeq);
          // v1 lists cannot filter by kind: keep the standard invoices (v1 calls the kind `type`).
          return { items: body.data.invoices.filter((i) => i.type === 'standard'), seq };
        },
        (invoice) => [invoice.id, invoice.publicId],
        nth,
      );
      if (!found)
        throw new Unreachable(`needs ${nth + 1} standard v1 invoice(s) in status ${status}; the API key sees ${seen}`);
      return found;
    },
    async cards() {
      return (await read<SuccessBody<'listCards'>>('listCards', {}, 0)).body.data;
    },
    async cardsV1() {
      return (await read<SuccessBody<'listCardsV1'>>('listCardsV1', {}, 0)).body.data.cards;
    },
    async credit() {
      return (await read<SuccessBody<'getCreditBalance'>>('getCreditBalance', {}, session.mutations)).body;
    },
    keyLacking(scopeName) {
      const key = lacking?.[scopeName];
      if (!key) throw new Unreachable(`needs an API key without the ${scopeName} scope; only a sandbox can create one`);
      return key;
    },
    in(other) {
      return makeFixture({ ...parts, scope: other });
    },
  };
}

/** Fresh sandbox accounts, one per call, in the recipe's state. */
export function sandboxAccounts(scope: Scope, control: SandboxControl, setup: Setup) {
  const scopes = allScopes(scope.validator);
  return async (recipe: AccountRecipe = {}): Promise<Fixture> => {
    const keys: Record<string, string[]> = { all: scopes };
    for (const name of scopes) keys[`lacks ${name}`] = scopes.filter((s) => s !== name);
    const cards = recipe.cards === 'none' ? [] : [{ last4: SANDBOX_CARDS[recipe.cards ?? 'approves'], primary: true }];
    const created = await control.createAccount({
      type: recipe.type ?? 'business',
      credit: recipe.credit ?? 500,
      invoices: (recipe.invoices ?? [{ status: 'unpaid' }]).map((i) => ({
        status: i.status,
        ...(i.kind ? { kind: i.kind } : {}),
      })),
      cards,
      keys,
    });
    scope.session.holdKeys(Object.values(created.keys));
    const lacking = Object.fromEntries(scopes.map((s) => [s, created.keys[`lacks ${s}`]!]));
    const key = created.keys.all!;
    return makeFixture({
      scope,
      keys: { bearer: key, apiKey: key },
      accountId: created.accountId,
      lacking,
      setup,
      lookups: undefined,
    });
  };
}

/** The run's own key on a server that is not a sandbox: the recipe is met by searching, or not at all. */
export function existingAccount(scope: Scope, setup: Setup, lookups: Lookups) {
  const fixture = makeFixture({
    scope,
    keys: scope.session.keys,
    accountId: undefined,
    lacking: undefined,
    setup,
    lookups,
  });
  return async (recipe: AccountRecipe = {}): Promise<Fixture> => {
    if (recipe.cards === 'declines')
      throw new Unreachable('needs a saved card that declines; only a sandbox has test cards');
    if (recipe.cards === 'none' && (await fixture.cards()).length > 0)
      throw new Unreachable('needs an account without saved cards');
    if (recipe.type && (await fixture.credit()).accountType !== recipe.type)
      throw new Unreachable(`needs a ${recipe.type} account`);
    return fixture;
  };
}

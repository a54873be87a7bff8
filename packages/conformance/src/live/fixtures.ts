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
 * Lookups a black-box run shares between its scenarios: a list read once is reused until the run
 * changes something on the server (any non-GET answered 2xx) or `maxAgeMs` passes, so that the
 * server's rate limit is spent on the checks, not on finding the same invoice again.
 */
export class Lookups {
  private readonly entries = new Map<string, { mutations: number; at: number; exchange: Promise<Exchange> }>();

  constructor(private readonly maxAgeMs = 10_000) {}

  read(scope: Scope, key: string, load: () => Promise<Exchange>): Promise<Exchange> {
    const mutations = scope.session.mutations;
    const cached = this.entries.get(key);
    if (cached && cached.mutations === mutations && performance.now() - cached.at < this.maxAgeMs)
      return cached.exchange;
    const exchange = load();
    this.entries.set(key, { mutations, at: performance.now(), exchange });
    // Only a 200 is worth keeping; anything else is asked again next time.
    exchange.then(
      (e) => e.response.status !== 200 && this.entries.delete(key),
      () => this.entries.delete(key),
    );
    return exchange;
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
    return scope.call(operation, { ...(use ? { key: keyFor(use.scheme, keys) } : {}), ...options });
  };
  const read = <T>(operation: string, options: CallOptions = {}): Promise<T> => {
    const load = () => call(operation, options);
    const key = `${operation} ${JSON.stringify(options)}`;
    return (lookups ? lookups.read(scope, key, load) : load()).then((exchange) => setup<T>(exchange, 200));
  };
  return {
    keys,
    accountId,
    call,
    async invoice(status, options = {}) {
      const kind = options.kind ?? 'standard';
      const page = await read<SuccessBody<'listInvoices'>>('listInvoices', { query: { status, kind, limit: 100 } });
      const found = page.data[options.nth ?? 0];
      if (!found)
        throw new Unreachable(
          `needs ${(options.nth ?? 0) + 1} ${kind} invoice(s) in status ${status}; the API key sees ${page.data.length}`,
        );
      return found;
    },
    async invoiceV1(status, options = {}) {
      const page = await read<SuccessBody<'listInvoicesV1'>>('listInvoicesV1', {
        query: { status: statusV1(validator, status), limit: 100 },
      });
      // v1 lists cannot filter by kind: keep the standard invoices (v1 calls the kind `type`).
      const standard = page.data.invoices.filter((i) => i.type === 'standard');
      const found = standard[options.nth ?? 0];
      if (!found)
        throw new Unreachable(
          `needs ${(options.nth ?? 0) + 1} standard v1 invoice(s) in status ${status}; the API key sees ${standard.length}`,
        );
      return found;
    },
    async cards() {
      return (await read<SuccessBody<'listCards'>>('listCards')).data;
    },
    async cardsV1() {
      return (await read<SuccessBody<'listCardsV1'>>('listCardsV1')).data.cards;
    },
    credit() {
      return read<SuccessBody<'getCreditBalance'>>('getCreditBalance');
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

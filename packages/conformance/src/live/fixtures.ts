// Accounts for scenarios. On a sandbox each scenario gets a fresh account made by the control
// endpoints in the state it needs; on any other server the run's own key is used and the data it can
// see is searched. Either way every id comes from an API response (a list, then its entries).
import { randomInt } from 'node:crypto';
import type { Json } from '../spec.js';
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
  /** Calls with this account's key (a CallOptions `key` overrides it). */
  call(operation: string, options?: CallOptions): Promise<Exchange>;
  /** The `nth` v2 invoice in a status (from `listInvoices`), of kind `standard` unless another is asked for. */
  invoice(status: string, options?: { kind?: string; nth?: number }): Promise<Json>;
  /** The `nth` standard v1 invoice in a (v2-spelled) status (from `listInvoicesV1`). */
  invoiceV1(status: string, options?: { nth?: number }): Promise<Json>;
  cards(): Promise<Json[]>;
  cardsV1(): Promise<Json[]>;
  /** The credit balance (`getCreditBalance`). */
  credit(): Promise<Json>;
  /** A key of this account that lacks `scope`. */
  keyLacking(scope: string): string;
  /** The same account, with calls filed under another scenario's scope. */
  in(scope: Scope): Fixture;
}

/** A key of the same shape as `key` that the server never issued. */
export function wrongKey(key: string): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const tail = Array.from({ length: Math.min(8, key.length) }, () => alphabet[randomInt(alphabet.length)]).join('');
  return key.length > 8 ? key.slice(0, -8) + tail : `${key}${tail}`;
}

/** The v1 spelling of a v2 invoice status: the two status enums of the spec, position by position. */
export function statusV1(validator: ConformanceValidator, status: string): string {
  const schemas = validator.document.components?.schemas ?? {};
  const v2 = (schemas.InvoiceStatus?.enum ?? []) as string[];
  const v1 = (schemas.InvoiceStatusV1?.enum ?? []) as string[];
  const at = v2.indexOf(status);
  if (at < 0 || !v1[at]) throw new Error(`no v1 spelling of invoice status ${status}`);
  return v1[at]!;
}

interface FixtureParts {
  scope: Scope;
  keys: Keys;
  lacking: Record<string, string> | undefined;
  setup: (exchange: Exchange, status: number) => any;
}

function makeFixture({ scope, keys, lacking, setup }: FixtureParts): Fixture {
  const validator = scope.validator;
  const call = (operation: string, options: CallOptions = {}) => {
    const use = schemeOf(validator, operation);
    return scope.call(operation, { ...(use ? { key: keyFor(use.scheme, keys) } : {}), ...options });
  };
  return {
    keys,
    call,
    async invoice(status, options = {}) {
      const page = setup(
        await call('listInvoices', { query: { status, kind: options.kind ?? 'standard', limit: 100 } }),
        200,
      );
      const found = (page.data as Json[])[options.nth ?? 0];
      if (!found)
        throw new Unreachable(
          `needs ${(options.nth ?? 0) + 1} ${options.kind ?? 'standard'} invoice(s) in status ${status}; the API key sees ${page.data.length}`,
        );
      return found;
    },
    async invoiceV1(status, options = {}) {
      const page = setup(
        await call('listInvoicesV1', { query: { status: statusV1(validator, status), limit: 100 } }),
        200,
      );
      // v1 lists cannot filter by kind: keep the standard invoices (v1 calls the kind `type`).
      const standard = (page.data.invoices as Json[]).filter((i) => i.type === 'standard');
      const found = standard[options.nth ?? 0];
      if (!found)
        throw new Unreachable(
          `needs ${(options.nth ?? 0) + 1} standard v1 invoice(s) in status ${status}; the API key sees ${standard.length}`,
        );
      return found;
    },
    async cards() {
      return setup(await call('listCards'), 200).data as Json[];
    },
    async cardsV1() {
      return setup(await call('listCardsV1'), 200).data.cards as Json[];
    },
    async credit() {
      return setup(await call('getCreditBalance'), 200) as Json;
    },
    keyLacking(scope) {
      const key = lacking?.[scope];
      if (!key) throw new Unreachable(`needs an API key without the ${scope} scope; only a sandbox can create one`);
      return key;
    },
    in(other) {
      return makeFixture({ scope: other, keys, lacking, setup });
    },
  };
}

/** Fresh sandbox accounts, one per call, in the recipe's state. */
export function sandboxAccounts(scope: Scope, control: SandboxControl, setup: FixtureParts['setup']) {
  const scopes = allScopes(scope.validator);
  return async (recipe: AccountRecipe = {}): Promise<Fixture> => {
    const keys: Record<string, string[]> = { all: scopes };
    for (const scope of scopes) keys[`lacks ${scope}`] = scopes.filter((s) => s !== scope);
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
    const lacking = Object.fromEntries(scopes.map((s) => [s, created[`lacks ${s}`]!]));
    const key = created.all!;
    return makeFixture({ scope, keys: { bearer: key, apiKey: key }, lacking, setup });
  };
}

/** The run's own key on a server that is not a sandbox: the recipe is met by searching, or not at all. */
export function existingAccount(scope: Scope, setup: FixtureParts['setup']) {
  const fixture = makeFixture({ scope, keys: scope.session.keys, lacking: undefined, setup });
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

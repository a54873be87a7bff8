// What a scenario is (one documented status of one operation, provoked on purpose) and the context it
// runs in: a scope to call through, fixtures to get ids from, and `expect` to judge the answer.
//
// Against a server that is not a sandbox (black-box) the kit finds its data instead of arranging it,
// so it cannot rule out that the data is in a state that breaks another of the spec's business rules
// than the one a scenario tests (an invoice already credited in full, a card that declines). There an
// answer that is another documented rule outcome of the operation makes the scenario `not reachable`,
// with the answer as the reason, never a failure; the answer itself is still validated.
import type { Finding } from '../findings.js';
import type { ConformanceValidator } from '../validators.js';
import type { ScenarioClock } from './clock.js';
import type { SandboxControl } from './control.js';
import { SetupFailed, Unreachable } from './errors.js';
import {
  type AccountRecipe,
  existingAccount,
  type Fixture,
  type Lookups,
  type Setup,
  sandboxAccounts,
} from './fixtures.js';
import { type Exchange, errorCodeOf, type Scope } from './session.js';

export type ScenarioKind =
  | 'success'
  | 'rule'
  | 'negative'
  | 'too-large'
  | 'auth'
  | 'not-found'
  | 'idempotency'
  | 'fault'
  | 'rate-limit';

export interface Scenario {
  /** Unique: `operation status what` (`payInvoice 409 invoice_not_unpaid`). */
  id: string;
  operation: string;
  /** The documented status it provokes. */
  status: number;
  /** The error code it provokes, where the spec names one. */
  code?: string;
  kind: ScenarioKind;
  /** What it does, in a sentence. */
  title: string;
  /** Set when only a sandbox can set the scenario up: the reason, for the coverage matrix. */
  sandboxOnly?: string;
  /** Scenarios with the same group run concurrently (each waits on a slowed handler). */
  concurrentGroup?: string;
  /** Changes the target for everything after it (moves the clock): runs after the others. */
  late?: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ExpectOptions {
  /** The input the scenario broke, named in findings (`/amount`, `/header/Authorization`). */
  pointer?: string;
  /** A bad request: a 5xx is `server_error`, a success `not_rejected`. */
  negative?: boolean;
}

/** What every scenario of one run shares. */
export interface RunShared {
  /** Present when the target is a sandbox. */
  readonly control: SandboxControl | undefined;
  /** The only way to move the server's clock (sandbox). */
  readonly clock: ScenarioClock | undefined;
  /** Lookups shared between scenarios (black-box). */
  readonly lookups: Lookups;
  /** `status code` pairs of each operation's business rules (from the rule scenarios). */
  readonly ruleOutcomes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Values made once per run and shared by the scenarios that need them (an expired payment link). */
  readonly memo: Map<string, Promise<unknown>>;
  /** What one scenario learnt that spares the others work (a rate budget the kit cannot exhaust). */
  readonly notes: Map<string, string>;
}

export interface ScenarioContext {
  readonly scope: Scope;
  readonly validator: ConformanceValidator;
  /** Present when the target is a sandbox. */
  readonly control: SandboxControl | undefined;
  /** Present when the target is a sandbox: moves its clock, and counts how far. */
  readonly clock: ScenarioClock | undefined;
  /** An account in the state the recipe describes (a fresh one on a sandbox). */
  account(recipe?: AccountRecipe): Promise<Fixture>;
  /** Judges the scenario's probe; records a finding and returns false when it is not as expected. */
  expect(exchange: Exchange, status: number, code?: string | readonly string[], options?: ExpectOptions): boolean;
  /**
   * Requires a setup step's status and returns its body, typed by the caller (the body was validated
   * against the spec); records a finding and throws SetupFailed otherwise.
   */
  setup: Setup;
  /** The value `make` gives, made once per run under `key` and shared with every scenario that asks. */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Notes shared by the run's scenarios (see RunShared.notes). */
  readonly notes: Map<string, string>;
  /** Records a finding of the scenario. */
  report(finding: Finding): void;
}

function describe(exchange: Exchange): string {
  const code = errorCodeOf(exchange.response.body);
  return `${exchange.response.status}${code ? ` ${code}` : ''}`;
}

/** Throws Unreachable when a black-box answer is another documented business-rule outcome of its operation. */
function otherRuleOutcome(shared: RunShared, exchange: Exchange, expected: string): void {
  if (shared.control) return;
  const answer = describe(exchange);
  if (answer === expected || !shared.ruleOutcomes.get(exchange.operation)?.has(answer)) return;
  if (exchange.findings.length > 0) return; // a non-conforming answer is a failure whatever the state
  throw new Unreachable(
    `the server answered ${answer}, which the spec documents for another state of the data than the one tested; ` +
      'outside a sandbox the kit cannot arrange a state that rules it out',
  );
}

export function createScenarioContext(scope: Scope, shared: RunShared): ScenarioContext {
  const { control } = shared;
  const finding = (
    exchange: Exchange,
    code: Finding['code'],
    expected: string,
    pointer: string,
    message: string,
  ): Finding => ({
    operation: exchange.operation,
    status: exchange.response.status,
    location: 'scenario',
    pointer,
    code,
    expected,
    actual: describe(exchange),
    message,
  });
  const setup: Setup = <T>(exchange: Exchange, status: number): T => {
    if (exchange.response.status === status) return exchange.response.body as T;
    otherRuleOutcome(shared, exchange, String(status));
    scope.report(
      finding(
        exchange,
        'unexpected_status',
        String(status),
        '/status',
        `setup step ${exchange.request.method} ${exchange.request.path} answered ${describe(exchange)}; expected ${status}`,
      ),
    );
    throw new SetupFailed(`${exchange.operation} answered ${exchange.response.status} during setup`);
  };
  const account = control ? sandboxAccounts(scope, control, setup) : existingAccount(scope, setup, shared.lookups);
  return {
    scope,
    validator: scope.validator,
    control,
    clock: shared.clock,
    account,
    setup,
    once<T>(key: string, make: () => Promise<T>): Promise<T> {
      let value = shared.memo.get(key) as Promise<T> | undefined;
      if (!value) shared.memo.set(key, (value = make()));
      return value;
    },
    notes: shared.notes,
    report: (f) => scope.report(f),
    expect(exchange, status, code, options = {}) {
      const got = exchange.response.status;
      const codes = code === undefined ? [] : typeof code === 'string' ? [code] : code;
      const gotCode = errorCodeOf(exchange.response.body);
      if (got === status && (codes.length === 0 || (gotCode !== undefined && codes.includes(gotCode)))) return true;
      const expected = `${status}${codes.length ? ` ${codes.join(' or ')}` : ''}`;
      otherRuleOutcome(shared, exchange, expected);
      const pointer = options.pointer ?? '/status';
      const what = `${exchange.request.method} ${exchange.request.path.split('?')[0]}`;
      const input = pointer ? ` (bad input at ${pointer})` : '';
      if (options.negative && got >= 500) {
        scope.report(
          finding(
            exchange,
            'server_error',
            expected,
            pointer,
            `${what} answered ${describe(exchange)} to a bad request${input}; expected ${expected}`,
          ),
        );
      } else if (options.negative && got < 400) {
        scope.report(
          finding(
            exchange,
            'not_rejected',
            expected,
            pointer,
            `${what} accepted a bad request with ${got}${input}; expected ${expected}`,
          ),
        );
      } else if (got === status) {
        scope.report(
          finding(
            exchange,
            'unexpected_code',
            expected,
            pointer,
            `${what} answered ${describe(exchange)}; expected code ${codes.join(' or ')}`,
          ),
        );
      } else {
        scope.report(
          finding(
            exchange,
            'unexpected_status',
            expected,
            pointer,
            `${what} answered ${describe(exchange)}; expected ${expected}${input}`,
          ),
        );
      }
      return false;
    },
  };
}

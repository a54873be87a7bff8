// What a scenario is (one documented status of one operation, provoked on purpose) and the context it
// runs in: a scope to call through, fixtures to get ids from, and `expect` to judge the answer.
import type { Finding } from '../findings.js';
import type { ConformanceValidator } from '../validators.js';
import type { SandboxControl } from './control.js';
import { SetupFailed } from './errors.js';
import { type AccountRecipe, existingAccount, type Fixture, sandboxAccounts } from './fixtures.js';
import { type CallOptions, type Exchange, errorCodeOf, type Scope } from './session.js';

export type ScenarioKind =
  | 'success'
  | 'rule'
  | 'negative'
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

export interface ScenarioContext {
  readonly scope: Scope;
  readonly validator: ConformanceValidator;
  /** Present when the target is a sandbox. */
  readonly control: SandboxControl | undefined;
  /** An account in the state the recipe describes (a fresh one on a sandbox). */
  account(recipe?: AccountRecipe): Promise<Fixture>;
  /** Calls with the run's own keys. */
  call(operation: string, options?: CallOptions): Promise<Exchange>;
  /** Judges the scenario's probe; records a finding and returns false when it is not as expected. */
  expect(exchange: Exchange, status: number, code?: string | readonly string[], options?: ExpectOptions): boolean;
  /** Requires a setup step's status and returns its body; records a finding and throws SetupFailed otherwise. */
  setup(exchange: Exchange, status: number): any;
  /** Records a finding of the scenario. */
  report(finding: Finding): void;
}

function describe(exchange: Exchange): string {
  const code = errorCodeOf(exchange.response.body);
  return `${exchange.response.status}${code ? ` ${code}` : ''}`;
}

export function createScenarioContext(scope: Scope, control: SandboxControl | undefined): ScenarioContext {
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
  const setup = (exchange: Exchange, status: number): any => {
    if (exchange.response.status === status) return exchange.response.body;
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
  const account = control ? sandboxAccounts(scope, control, setup) : existingAccount(scope, setup);
  return {
    scope,
    validator: scope.validator,
    control,
    account,
    call: (operation, options) => scope.call(operation, options),
    setup,
    report: (f) => scope.report(f),
    expect(exchange, status, code, options = {}) {
      const got = exchange.response.status;
      const codes = code === undefined ? [] : typeof code === 'string' ? [code] : code;
      const gotCode = errorCodeOf(exchange.response.body);
      if (got === status && (codes.length === 0 || (gotCode !== undefined && codes.includes(gotCode)))) return true;
      const expected = `${status}${codes.length ? ` ${codes.join(' or ')}` : ''}`;
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

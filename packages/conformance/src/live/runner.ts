// A live conformance run against one server: decide whether it is a sandbox, get keys, run every
// scenario (or those of some operations), and collect results, exchanges and the coverage matrix.
import type { Finding } from '../findings.js';
import { bundledValidator, type ConformanceValidator } from '../validators.js';
import { ControlError, createControl, detectSandbox, type SandboxControl } from './control.js';
import { allScopes, type Keys } from './credentials.js';
import { SetupFailed, Unreachable } from './errors.js';
import { createHttpTarget, type HttpTarget, TransportError } from './http.js';
import { buildMatrix, type CoverageMatrix, type ScenarioResult } from './matrix.js';
import { createScenarioContext, type Scenario, type ScenarioKind } from './scenario.js';
import { allScenarios } from './scenarios/index.js';
import { type Exchange, Session } from './session.js';

export interface LiveOptions {
  baseUrl: string;
  /** v2 (bearer) key; on a sandbox, a fresh account's key when absent. */
  apiKey?: string;
  /** v1 (X-API-Key) key; defaults to apiKey. */
  v1Key?: string;
  /** Force sandbox mode on or off; detected (GET /sandbox/health) when absent. */
  sandbox?: boolean;
  /** Only the scenarios of these operations. */
  operations?: string[];
  /** Only scenarios of these kinds. */
  kinds?: ScenarioKind[];
  validator?: ConformanceValidator;
  /** Called after each scenario (progress output). */
  onResult?: (result: ScenarioResult) => void;
}

export interface LiveReport {
  baseUrl: string;
  sandbox: boolean;
  results: ScenarioResult[];
  exchanges: Exchange[];
  matrix: CoverageMatrix;
  findings: Finding[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function keysFor(
  options: LiveOptions,
  control: SandboxControl | undefined,
  validator: ConformanceValidator,
): Promise<Keys> {
  if (options.apiKey) return { bearer: options.apiKey, apiKey: options.v1Key ?? options.apiKey };
  if (!control)
    throw new UsageError(
      `--api-key is required: ${options.baseUrl} is not a sandbox, so the kit cannot create an account`,
    );
  const created = await control.createAccount({
    keys: { conformance: allScopes(validator) },
    invoices: [{ status: 'unpaid' }],
    cards: [{ last4: '4242', primary: true }],
  });
  const key = created.conformance!;
  return { bearer: key, apiKey: options.v1Key ?? key };
}

async function runScenario(
  scenario: Scenario,
  session: Session,
  control: SandboxControl | undefined,
): Promise<ScenarioResult> {
  const scope = session.scoped(scenario.id);
  const base = {
    id: scenario.id,
    operation: scenario.operation,
    status: scenario.status,
    ...(scenario.code ? { code: scenario.code } : {}),
    kind: scenario.kind,
    title: scenario.title,
  };
  if (scenario.sandboxOnly && !control)
    return { ...base, outcome: 'not_reachable', reason: scenario.sandboxOnly, findings: [] };
  let reason: string | undefined;
  try {
    await scenario.run(createScenarioContext(scope, control));
  } catch (error) {
    if (error instanceof Unreachable) reason = error.message;
    else if (error instanceof SetupFailed && scope.findings.length > 0) {
      // its finding is already recorded
    } else {
      const transport = error instanceof TransportError || error instanceof ControlError;
      scope.report({
        operation: scenario.operation,
        status: scenario.status,
        location: 'scenario',
        pointer: '',
        code: transport ? 'transport_error' : 'scenario_error',
        expected: 'the scenario to complete',
        actual: (error as Error).message,
        message: `${scenario.id} stopped: ${(error as Error).message}`,
      });
    }
  }
  const findings = scope.findings;
  if (findings.length > 0) return { ...base, outcome: 'failed', findings };
  if (reason) return { ...base, outcome: 'not_reachable', reason, findings };
  return { ...base, outcome: 'passed', findings };
}

export async function runLive(options: LiveOptions): Promise<LiveReport> {
  const validator = options.validator ?? bundledValidator();
  const http: HttpTarget = createHttpTarget(options.baseUrl);
  await http.send({ method: 'GET', path: '/', headers: {} }); // any answer will do; none is a TransportError
  const sandbox = options.sandbox ?? (await detectSandbox(http));
  const control = sandbox ? createControl(http) : undefined;
  for (const operation of options.operations ?? []) {
    if (!validator.spec.getOperation(operation))
      throw new UsageError(`--operation ${operation} is not an operationId of the spec`);
  }
  const session = new Session(http, validator, await keysFor(options, control, validator));
  const scenarios = allScenarios(validator).filter(
    (s) =>
      (!options.operations || options.operations.includes(s.operation)) &&
      (!options.kinds || options.kinds.includes(s.kind)),
  );
  const results: ScenarioResult[] = [];
  for (let i = 0; i < scenarios.length; ) {
    // Consecutive scenarios of one concurrent group run together; everything else runs alone.
    const group = scenarios[i]!.concurrentGroup;
    let end = i + 1;
    while (group && end < scenarios.length && scenarios[end]!.concurrentGroup === group) end++;
    const batch = scenarios.slice(i, end);
    i = end;
    for (const result of await Promise.all(batch.map((s) => runScenario(s, session, control)))) {
      results.push(result);
      options.onResult?.(result);
    }
  }
  const matrix = buildMatrix(validator, results, session.exchanges, options.operations);
  return {
    baseUrl: http.baseUrl,
    sandbox,
    results,
    exchanges: session.exchanges,
    matrix,
    findings: results.flatMap((r) => r.findings),
  };
}

// A live conformance run against one server: decide whether it is a sandbox, get keys, run every
// scenario (or those of some operations), and collect results, exchanges and the coverage matrix.
// On a sandbox every scenario works in accounts the kit makes for itself (a key given is not used);
// on any other server (black-box) it works with the key it is given and the data that key sees.
import type { Finding } from '../findings.js';
import { bundledValidator, type ConformanceValidator } from '../validators.js';
import { createClock } from './clock.js';
import { ControlError, createControl, detectSandbox, type SandboxControl } from './control.js';
import type { Keys } from './credentials.js';
import { SetupFailed, Unreachable, UsageError } from './errors.js';

export { UsageError } from './errors.js';

import { Lookups } from './fixtures.js';
import { createHttpTarget, type HttpTarget, TransportError } from './http.js';
import { buildMatrix, type CoverageMatrix, type ScenarioResult } from './matrix.js';
import { createScenarioContext, type RunShared, type Scenario, type ScenarioKind } from './scenario.js';
import { allScenarios } from './scenarios/index.js';
import { ruleScenarios } from './scenarios/rules.js';
import { type Exchange, Session } from './session.js';

/** What a run reports while it goes (the CLI prints it on stderr). */
export type Progress =
  | { event: 'start'; baseUrl: string; sandbox: boolean; scenarios: number }
  | { event: 'notice'; message: string }
  | {
      /** The scenarios of one kind for one operation are done (scenarios run kind by kind, operation by operation). */
      event: 'operation';
      kind: ScenarioKind;
      operation: string;
      results: ScenarioResult[];
      /** Scenarios done so far, of `total`. */
      done: number;
      total: number;
      elapsedMs: number;
      /** Time spent so far waiting out the server's rate limit. */
      rateLimitWaitMs: number;
    };

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
  /** Called after each scenario. */
  onResult?: (result: ScenarioResult) => void;
  /** Called as the run goes: its start, notices, and each operation's scenarios of one kind done. */
  onProgress?: (progress: Progress) => void;
}

export interface LiveReport {
  baseUrl: string;
  sandbox: boolean;
  results: ScenarioResult[];
  exchanges: Exchange[];
  matrix: CoverageMatrix;
  findings: Finding[];
  /** How far the run moved its own accounts' clocks in all, ms (a sandbox has a clock per account). */
  clockMovedMs: number;
  /** Time spent waiting out the server's rate limit, ms. */
  rateLimitWaitMs: number;
  durationMs: number;
}

/** The run's own keys, for a black-box run (a sandbox run makes an account per scenario instead). */
function keysFor(options: LiveOptions): Keys {
  if (options.apiKey) return { bearer: options.apiKey, apiKey: options.v1Key ?? options.apiKey };
  throw new UsageError(
    `--api-key is required: ${options.baseUrl} is not a sandbox, so the kit cannot create an account`,
  );
}

/** `status code` of every business rule of each operation: the answers that depend on the data's state. */
function ruleOutcomes(validator: ConformanceValidator): Map<string, Set<string>> {
  const outcomes = new Map<string, Set<string>>();
  for (const rule of ruleScenarios(validator)) {
    const set = outcomes.get(rule.operation) ?? new Set<string>();
    set.add(`${rule.status} ${rule.code}`);
    outcomes.set(rule.operation, set);
  }
  return outcomes;
}

async function runScenario(scenario: Scenario, session: Session, shared: RunShared): Promise<ScenarioResult> {
  const scope = session.scoped(scenario.id);
  const base = {
    id: scenario.id,
    operation: scenario.operation,
    status: scenario.status,
    ...(scenario.code ? { code: scenario.code } : {}),
    kind: scenario.kind,
    title: scenario.title,
  };
  if (scenario.sandboxOnly && !shared.control)
    return { ...base, outcome: 'not_reachable', reason: scenario.sandboxOnly, findings: [] };
  let reason: string | undefined;
  try {
    await scenario.run(createScenarioContext(scope, shared));
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
  const started = performance.now();
  const validator = options.validator ?? bundledValidator();
  for (const operation of options.operations ?? []) {
    if (!validator.spec.getOperation(operation))
      throw new UsageError(`--operation ${operation} is not an operationId of the spec`);
  }
  const http: HttpTarget = createHttpTarget(options.baseUrl);
  await http.send({ method: 'GET', path: '/', headers: {} }); // any answer will do; none is a TransportError
  const sandbox = options.sandbox ?? (await detectSandbox(http));
  const control: SandboxControl | undefined = sandbox ? createControl(http) : undefined;
  if (control && (options.apiKey || options.v1Key))
    options.onProgress?.({
      event: 'notice',
      message: `${http.baseUrl} is a sandbox: the run makes accounts of its own and does not use the key given (--no-sandbox checks with it)`,
    });
  const session = new Session(http, validator, control ? undefined : keysFor(options));
  const clock = control ? createClock(control) : undefined;
  const shared: RunShared = {
    control,
    clock,
    lookups: new Lookups(),
    ruleOutcomes: ruleOutcomes(validator),
    memo: new Map(),
    notes: new Map(),
  };
  const scenarios = allScenarios(validator).filter(
    (s) =>
      (!options.operations || options.operations.includes(s.operation)) &&
      (!options.kinds || options.kinds.includes(s.kind)),
  );
  options.onProgress?.({ event: 'start', baseUrl: http.baseUrl, sandbox, scenarios: scenarios.length });
  const results: ScenarioResult[] = [];
  let group: ScenarioResult[] = [];
  const flush = () => {
    const first = group[0];
    if (!first) return;
    options.onProgress?.({
      event: 'operation',
      kind: first.kind as ScenarioKind,
      operation: first.operation,
      results: group,
      done: results.length,
      total: scenarios.length,
      elapsedMs: performance.now() - started,
      rateLimitWaitMs: session.rateLimitWaitMs,
    });
    group = [];
  };
  for (let i = 0; i < scenarios.length; ) {
    // Consecutive scenarios of one concurrent group run together; everything else runs alone.
    const concurrent = scenarios[i]!.concurrentGroup;
    let end = i + 1;
    while (concurrent && end < scenarios.length && scenarios[end]!.concurrentGroup === concurrent) end++;
    const batch = scenarios.slice(i, end);
    i = end;
    for (const result of await Promise.all(batch.map((s) => runScenario(s, session, shared)))) {
      if (group[0] && (group[0].kind !== result.kind || group[0].operation !== result.operation)) flush();
      results.push(result);
      group.push(result);
      options.onResult?.(result);
    }
  }
  flush();
  const matrix = buildMatrix(validator, results, session.exchanges, options.operations);
  return {
    baseUrl: http.baseUrl,
    sandbox,
    results,
    exchanges: session.exchanges,
    matrix,
    findings: results.flatMap((r) => r.findings),
    clockMovedMs: clock?.movedMs ?? 0,
    rateLimitWaitMs: session.rateLimitWaitMs,
    durationMs: performance.now() - started,
  };
}

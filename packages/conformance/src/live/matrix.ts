// The coverage matrix: one cell per operation and documented status, saying whether the run
// exercised it (a response with that status, valid), failed it (an invalid response, or a scenario
// for it that did not get it), or could not reach it (with the scenarios' reasons).
import type { ConformanceValidator } from '../validators.js';
import { statusesOf } from './scenarios/common.js';
import type { Exchange } from './session.js';

export type CellState = 'exercised' | 'not_reachable' | 'failed';

export interface ScenarioResult {
  id: string;
  operation: string;
  status: number;
  code?: string;
  kind: string;
  title: string;
  outcome: 'passed' | 'failed' | 'not_reachable';
  /** Why it could not run (not_reachable). */
  reason?: string;
  findings: import('../findings.js').Finding[];
}

export interface Cell {
  status: number;
  state: CellState;
  /** Responses received with this status. */
  responses: number;
  /** Responses with this status that did not conform. */
  invalidResponses: number;
  passed: string[];
  failed: string[];
  /** Reasons it could not be reached (not_reachable cells). */
  reasons: string[];
}

export interface OperationRow {
  operation: string;
  method: string;
  path: string;
  cells: Cell[];
}

export interface CoverageMatrix {
  operations: OperationRow[];
  /** Statuses received that the spec does not document for the operation. */
  undocumented: Array<{ operation: string; status: number; responses: number }>;
  totals: {
    operations: number;
    operationsExercised: number;
    cells: number;
    exercised: number;
    notReachable: number;
    failed: number;
  };
}

const NO_SCENARIO = 'no scenario of the kit provokes it';

export function buildMatrix(
  validator: ConformanceValidator,
  results: ScenarioResult[],
  exchanges: Exchange[],
  operations?: readonly string[],
): CoverageMatrix {
  const rows: OperationRow[] = validator.spec.operations
    .filter((o) => !operations || operations.includes(o.operationId))
    .map((o) => ({
      operation: o.operationId,
      method: o.method,
      path: o.pathTemplate,
      cells: statusesOf(validator, o.operationId).map((status) => ({
        status,
        state: 'not_reachable' as CellState,
        responses: 0,
        invalidResponses: 0,
        passed: [],
        failed: [],
        reasons: [],
      })),
    }));
  const cellOf = (operation: string, status: number) =>
    rows.find((r) => r.operation === operation)?.cells.find((c) => c.status === status);
  const undocumented = new Map<string, { operation: string; status: number; responses: number }>();
  for (const exchange of exchanges) {
    const cell = cellOf(exchange.operation, exchange.response.status);
    if (cell) {
      cell.responses++;
      if (exchange.findings.length > 0) cell.invalidResponses++;
    } else if (!operations || operations.includes(exchange.operation)) {
      const key = `${exchange.operation} ${exchange.response.status}`;
      const entry = undocumented.get(key) ?? {
        operation: exchange.operation,
        status: exchange.response.status,
        responses: 0,
      };
      entry.responses++;
      undocumented.set(key, entry);
    }
  }
  for (const result of results) {
    const cell = cellOf(result.operation, result.status);
    if (!cell) continue;
    if (result.outcome === 'passed') cell.passed.push(result.id);
    else if (result.outcome === 'failed') cell.failed.push(result.id);
    else if (result.reason && !cell.reasons.includes(result.reason)) cell.reasons.push(result.reason);
  }
  const totals = {
    operations: rows.length,
    operationsExercised: 0,
    cells: 0,
    exercised: 0,
    notReachable: 0,
    failed: 0,
  };
  for (const row of rows) {
    if (row.cells.some((c) => c.responses > 0)) totals.operationsExercised++;
    for (const cell of row.cells) {
      cell.state =
        cell.failed.length > 0 || cell.invalidResponses > 0
          ? 'failed'
          : cell.responses > 0
            ? 'exercised'
            : 'not_reachable';
      if (cell.state !== 'not_reachable') cell.reasons = [];
      else if (cell.reasons.length === 0) cell.reasons.push(NO_SCENARIO);
      totals.cells++;
      if (cell.state === 'exercised') totals.exercised++;
      else if (cell.state === 'failed') totals.failed++;
      else totals.notReachable++;
    }
  }
  return { operations: rows, undocumented: [...undocumented.values()], totals };
}

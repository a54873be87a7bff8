// @billing-api/conformance: validators compiled from the bundled Billing API spec, static checks of
// the spec, and live conformance runs against any server (or a fresh sandbox), with reporters.

// Shared with @billing-api/validation: the one validator the kit wraps.
export { createSpecValidator, type SpecValidator } from '@billing-api/validation';
export type { Finding, FindingCode, FindingLocation, KitFindingCode } from './findings.js';
export { formatFinding, KIT_FINDING_CODES } from './findings.js';
export {
  buildMatrix,
  type Cell,
  type CellState,
  type CoverageMatrix,
  type OperationRow,
  type ScenarioResult,
} from './live/matrix.js';
export { type LiveOptions, type LiveReport, type Progress, runLive, UsageError } from './live/runner.js';
export type { Scenario, ScenarioKind } from './live/scenario.js';
export { allScenarios } from './live/scenarios/index.js';
export { type Mutation, mutationsOf } from './live/scenarios/negative.js';
export { toJson } from './report/json.js';
export { formatJUnit } from './report/junit.js';
export { formatMarkdown } from './report/markdown.js';
export type { RunReport } from './report/model.js';
export { formatProgress } from './report/progress.js';
export { formatSummary } from './report/summary.js';
export { REPORT_FILES, writeReports } from './report/write.js';
export { type RunOptions, runConformance } from './run.js';
export { checkSpec, type StaticReport } from './static/index.js';
export type { ConformanceValidator, RequestParts } from './validators.js';
export {
  bundledValidator,
  createConformanceValidator,
  DECLARED_ONLY_HEADERS,
  validateRequest,
  validateResponse,
} from './validators.js';

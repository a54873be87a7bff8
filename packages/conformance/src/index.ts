// @billing-api/conformance: validators compiled from the bundled Billing API spec, static checks of
// the spec, and live conformance runs against any server (or a fresh sandbox), with reporters.
export { createConformanceValidator, bundledValidator, validateResponse, validateRequest, DECLARED_ONLY_HEADERS } from './validators.js';
export type { ConformanceValidator, RequestParts } from './validators.js';
export { KIT_FINDING_CODES, formatFinding } from './findings.js';
export type { Finding, FindingCode, FindingLocation, KitFindingCode } from './findings.js';
export { checkSpec, requiredStatuses, type StaticReport } from './static/index.js';
export { runLive, UsageError, type LiveOptions, type LiveReport } from './live/runner.js';
export { runConformance, type RunOptions } from './run.js';
export { allScenarios } from './live/scenarios/index.js';
export { mutationsOf, type Mutation } from './live/scenarios/negative.js';
export type { Scenario, ScenarioKind } from './live/scenario.js';
export { buildMatrix, type CoverageMatrix, type Cell, type CellState, type OperationRow, type ScenarioResult } from './live/matrix.js';
export { formatSummary } from './report/summary.js';
export { formatMarkdown } from './report/markdown.js';
export { formatJUnit } from './report/junit.js';
export { toJson } from './report/json.js';
export { writeReports, REPORT_FILES } from './report/write.js';
export type { RunReport } from './report/model.js';
// Shared with @billing-api/validation: the one validator the kit wraps.
export { createSpecValidator, type SpecValidator } from '@billing-api/validation';

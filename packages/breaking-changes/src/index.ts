// @billing-api/breaking-changes: compare two OpenAPI documents the way an API reviewer would.

export { type ChangeReport, type ChangeSummary, type ReportOptions, reportBetween } from './api.js';
export { compareDocuments } from './compare/document.js';
export { type Finding, InputError, type Severity, type Side, type TypesVerdict } from './model.js';
export { fixedWith, majorChangesets, readChangesets } from './report/changesets.js';
export { FORMATS, type Format, formatReport, type Report, summaryLine } from './report/format.js';
export { decideGate, type Gate, type GatePolicy } from './report/gate.js';
export { type Direction, RULE_IDS, RULES, type RuleId, type RuleInfo } from './rules/catalogue.js';
export { type CheckOptions, locateFindings, runCheck } from './run.js';
export { type BundledSpec, bundleAtRef, bundleWorkingTree } from './source/at-ref.js';
export { bundleFile } from './source/bundle.js';
export { type BaseRef, defaultBaseRef, git, gitOk, repoRootOf } from './source/git.js';
export {
  type HistoryOptions,
  type ReleaseChanges,
  type ReleaseHistory,
  releaseHistory,
  type SpecRelease,
  specReleases,
} from './source/history.js';
export { SourceLocator } from './source/locate.js';

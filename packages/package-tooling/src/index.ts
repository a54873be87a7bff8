/**
 * @billing-api/package-tooling: development tooling of the published packages, never shipped. Each
 * package used to carry its own copy of these; one copy keeps their behaviour and messages the same.
 * `./generate` alone does not load vitest, for the generate scripts. Exported as TypeScript source
 * (packages run it through tsx and vitest), so it has no build step.
 */
export { type GenerateOptions, runGenerate, writeOrCheck } from './generate.js';
export { describePublishedPackage } from './published-package.js';
export { describeReadmeExamples, type ReadmeExamplesOptions, tsBlocks } from './readme-examples.js';

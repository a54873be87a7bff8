// The README's ```ts example is type-checked against the built package, so it cannot drift from the types.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeReadmeExamples } from '@billing-api/package-tooling';

await describeReadmeExamples({
  packageDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  importName: '@billing-api/types',
  minBlocks: 1,
  title: 'has the example',
});

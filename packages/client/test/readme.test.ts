// The README's ```ts examples are type-checked against the built package, so they cannot drift from the API.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeReadmeExamples } from '@billing-api/package-tooling';

await describeReadmeExamples({
  packageDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  importName: '@billing-api/client',
  minBlocks: 7,
  title: 'has the examples (client, withResponse, raw, errors, pagination, PDFs, money subpath)',
});

// The package as npm would publish it: publint checks package.json against the files, and
// are-the-types-wrong packs it and checks that every resolution mode (node10, node16 CJS/ESM,
// bundler) finds types that match the JavaScript. Needs `build` first (turbo's test depends on it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePublishedPackage } from '@billing-api/package-tooling';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describePublishedPackage(packageDir);

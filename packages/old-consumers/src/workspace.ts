/**
 * Lays out a throwaway TypeScript workspace where the base ref's consumer code sits exactly where it
 * sat then (the repository's layout), while everything it imports is the working tree's: relative
 * imports (`../src/index.js`) resolve into the repository through `rootDirs`, and package imports
 * (`@billing-api/client`, `vitest`) through this package's own dependencies, because the workspace
 * is created under this package's `node_modules/.cache`. No links, no copies of the new code.
 */

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsumerFile } from './collect.js';

export interface ConsumerWorkspace {
  dir: string;
  /** tsconfig files to compile, one per consumer group. */
  projects: string[];
  /** workspace path -> origin, for reports. */
  origins: Map<string, string>;
  cleanup(): Promise<void>;
}

const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  types: ['node'],
};

/** This package's folder (the workspace must sit under it for package imports to resolve). */
const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Top-level folders of consumer code, each compiled as its own project. */
const GROUPS = ['packages/client', 'docs-samples'];

export async function createConsumerWorkspace(repoRoot: string, files: ConsumerFile[]): Promise<ConsumerWorkspace> {
  const cache = path.join(PACKAGE_DIR, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, 'old-consumers-'));
  const origins = new Map<string, string>();
  for (const file of files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    origins.set(path.normalize(file.path), file.origin);
  }
  const projects: string[] = [];
  for (const group of GROUPS) {
    if (!files.some((f) => path.normalize(f.path).startsWith(path.normalize(group) + path.sep))) continue;
    const folder = path.join(dir, group);
    // Samples and tests are ES modules (top-level await), as in the repository.
    await writeFile(path.join(folder, 'package.json'), '{ "type": "module" }\n');
    const tsconfig = path.join(folder, 'tsconfig.old-consumers.json');
    const compilerOptions = { ...COMPILER_OPTIONS, rootDirs: [dir, repoRoot] };
    await writeFile(tsconfig, JSON.stringify({ compilerOptions, include: ['**/*.ts'] }, null, 2));
    projects.push(tsconfig);
  }
  return { dir, projects, origins, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

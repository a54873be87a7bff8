/**
 * Lays out a throwaway TypeScript workspace where the base ref's consumer code sits exactly where it
 * sat then, but everything it imports is the working tree's: the new client source, the new
 * generated types and the installed dependencies (linked, not copied). Compiling it answers "does
 * code written against the last release still compile against this change?".
 */

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

export async function createConsumerWorkspace(repoRoot: string, files: ConsumerFile[]): Promise<ConsumerWorkspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'old-consumers-'));
  const origins = new Map<string, string>();
  for (const file of files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    origins.set(path.normalize(file.path), file.origin);
  }

  // Shared repository tooling that package tests import by relative path (scripts/lib).
  await symlink(path.join(repoRoot, 'scripts'), path.join(dir, 'scripts'));

  const projects: string[] = [];
  const groups: Array<{ folder: string; linkFrom: string; links: string[]; include: string[] }> = [
    {
      folder: 'packages/client',
      linkFrom: 'packages/client',
      links: ['src', 'generated', 'scripts', 'dist', 'node_modules', 'package.json'],
      include: ['test/**/*.ts', 'readme-examples/**/*.ts'],
    },
    { folder: 'docs-samples', linkFrom: 'packages/docs', links: ['node_modules'], include: ['*.ts'] },
  ];
  for (const group of groups) {
    const folder = path.join(dir, group.folder);
    if (!files.some((f) => path.normalize(f.path).startsWith(path.normalize(group.folder) + path.sep))) continue;
    for (const link of group.links) {
      const source = path.join(repoRoot, group.linkFrom, link);
      if (existsSync(source) && !existsSync(path.join(folder, link))) await symlink(source, path.join(folder, link));
    }
    // Samples are ES modules (top-level await); the client folder links its own package.json.
    if (!group.links.includes('package.json'))
      await writeFile(path.join(folder, 'package.json'), '{ "type": "module" }\n');
    const tsconfig = path.join(folder, 'tsconfig.old-consumers.json');
    await writeFile(tsconfig, JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: group.include }, null, 2));
    projects.push(tsconfig);
  }
  return { dir, projects, origins, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

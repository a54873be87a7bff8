/**
 * Collects the consumer code of the base ref: what people wrote against the previous release.
 * - the client's tests and the TypeScript blocks of its README, as committed at the base ref; tests
 *   that import a private workspace package (the packaging tests use the package tooling) test how
 *   the package is built, not what users write, and are left out, by name, in the summary;
 * - the docs' TypeScript samples, generated from the spec as it was at the base ref (that is what
 *   readers copied from the old docs site), by the docs package's own generator.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleAtRef, git, gitOk } from '@billing-api/breaking-changes';
import { typescriptSamples } from '@billing-api/docs/samples';

export interface ConsumerFile {
  /** Where the code lives (or comes from) at the base ref, for reports. */
  origin: string;
  /** Path inside the temporary workspace, relative to its root (the repository layout). */
  path: string;
  content: string;
}

export const CLIENT_DIR = 'packages/client';

export interface ClientUsage {
  files: ConsumerFile[];
  /** Tests left out because they import a private workspace package: `origin` -> that package. */
  skipped: Map<string, string>;
}

/** Names of the working tree's private workspace packages (never installed by a user). */
export function privatePackages(repoRoot: string): Set<string> {
  const names = new Set<string>();
  for (const folder of ['packages', '.']) {
    const dir = path.join(repoRoot, folder);
    const candidates = folder === '.' ? ['scripts'] : readdirSync(dir);
    for (const name of candidates) {
      const manifest = path.join(dir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; private?: boolean };
      if (pkg.private && pkg.name) names.add(pkg.name);
    }
  }
  return names;
}

/** The first private package a module imports (static `from '…'` or `import('…')`), if any. */
export function importedPrivatePackage(source: string, privateNames: Set<string>): string | undefined {
  for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
    const specifier = m[1]!;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    if (privateNames.has(name)) return name;
  }
  return undefined;
}

export function clientUsageAtRef(repoRoot: string, ref: string): ClientUsage {
  const skipped = new Map<string, string>();
  if (!gitOk(repoRoot, ['cat-file', '-e', `${ref}:${CLIENT_DIR}/package.json`])) return { files: [], skipped };
  const privateNames = privatePackages(repoRoot);
  const files = git(repoRoot, ['ls-tree', '-r', '--name-only', ref, '--', `${CLIENT_DIR}/test`])
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  const tests: ConsumerFile[] = [];
  for (const file of files) {
    const test = { origin: `${ref}:${file}`, path: file, content: git(repoRoot, ['show', `${ref}:${file}`]) };
    const tooling = importedPrivatePackage(test.content, privateNames);
    if (tooling) skipped.set(test.origin, tooling);
    else tests.push(test);
  }
  const readme = git(repoRoot, ['show', `${ref}:${CLIENT_DIR}/README.md`], false, true) ?? '';
  return { files: [...tests, ...readmeBlocks(readme, `${ref}:${CLIENT_DIR}/README.md`)], skipped };
}

/** ```ts blocks of a README, one module each; line numbers in reports point into the README. */
export function readmeBlocks(markdown: string, origin: string): ConsumerFile[] {
  const blocks: ConsumerFile[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\b/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').startsWith('```')) end++;
    // Pad with blank lines so tsc's line numbers equal the README's.
    const body = `${'\n'.repeat(start)}${lines.slice(start, end).join('\n')}\nexport {};\n`;
    blocks.push({
      origin: `${origin}#L${start + 1}`,
      path: `${CLIENT_DIR}/readme-examples/block-${start + 1}.ts`,
      content: body,
    });
    i = end;
  }
  return blocks;
}

export async function docsSamplesAtRef(
  repoRoot: string,
  ref: string,
  specPath = 'spec/openapi.yaml',
): Promise<ConsumerFile[]> {
  const base = await bundleAtRef(repoRoot, ref, specPath);
  if (!base) return [];
  try {
    return [...typescriptSamples(base.doc)].map(([operationId, code]) => ({
      origin: `docs sample of ${operationId} (spec at ${ref})`,
      path: `docs-samples/${operationId}.ts`,
      content: `${code}\nexport {};\n`,
    }));
  } finally {
    base.cleanup();
  }
}

// Pending changesets name only packages `changeset version` can release. A changeset naming a private
// package beside a published one makes `changeset version` refuse every changeset ("mixed changeset"),
// which otherwise surfaces only minutes later in the release rehearsal.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function workspacePackages(): Promise<Map<string, { private: boolean }>> {
  const folders = ['spec', 'scripts', ...(await readdir(path.join(repoRoot, 'packages'))).map((p) => `packages/${p}`)];
  const found = new Map<string, { private: boolean }>();
  for (const folder of folders) {
    const manifest = await readFile(path.join(repoRoot, folder, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const { name, private: isPrivate } = JSON.parse(manifest) as { name: string; private?: boolean };
    found.set(name, { private: isPrivate === true });
  }
  return found;
}

async function pendingChangesets(): Promise<Array<{ file: string; releases: Record<string, unknown> }>> {
  const dir = path.join(repoRoot, '.changeset');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md') && f !== 'README.md');
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), 'utf8');
      const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
      return { file: `.changeset/${file}`, releases: (front ? parse(front[1] ?? '') : undefined) ?? {} };
    }),
  );
}

describe('pending changesets', () => {
  it('name published workspace packages with a major, minor or patch bump', async () => {
    const packages = await workspacePackages();
    const problems: string[] = [];
    for (const { file, releases } of await pendingChangesets()) {
      for (const [name, bump] of Object.entries(releases)) {
        const found = packages.get(name);
        if (!found) problems.push(`${file}: ${name} is not a package of this workspace`);
        else if (found.private) problems.push(`${file}: ${name} is private and never versioned; leave it out`);
        if (bump !== 'major' && bump !== 'minor' && bump !== 'patch')
          problems.push(`${file}: ${name}: expected major, minor or patch, got ${JSON.stringify(bump)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds the private packages, so the check above can fail', async () => {
    const packages = await workspacePackages();
    expect(packages.get('@billing-api/docs')?.private).toBe(true);
    expect(packages.get('@billing-api/sandbox')?.private).toBe(false);
  });
});

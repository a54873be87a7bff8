import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSpec } from '../scripts/pipeline.js';
import { configPath, copySpec, specDir } from './helpers.js';

const fixturesDir = path.join(specDir, 'test', 'fixtures', 'broken');
const cases = (await readdir(fixturesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
const tempDirs: string[] = [];
afterAll(async () => Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true }))));

interface Expected {
  what: string;
  file: string;
  line: number;
  ruleId: string;
}

describe('broken specs fail the pipeline with the file and line of the fault', () => {
  it('has the six kinds of fault the build must catch, and more', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'invalid-yaml',
        'dangling-ref',
        'wrong-schema-type',
        'example-mismatch',
        'duplicate-operation-id',
        'v2-error-not-problem-json',
      ]),
    );
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(await readFile(path.join(fixturesDir, name, 'expected.json'), 'utf8')) as Expected;
    const dir = await copySpec(path.join(fixturesDir, name));
    tempDirs.push(dir);
    const outDir = path.join(dir, 'dist');
    // A previous good build is in dist/: a failed build must leave it exactly as it was.
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'openapi.json'), '{"previous":true}\n');

    const result = await buildSpec({ root: path.join(dir, 'openapi.yaml'), configPath, outDir, cwd: dir });

    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: expected.file,
        line: expected.line,
        ruleId: expected.ruleId,
        severity: 'error',
      }),
    );
    expect(await readdir(outDir)).toEqual(['openapi.json']);
    expect(await readFile(path.join(outDir, 'openapi.json'), 'utf8')).toBe('{"previous":true}\n');
    expect((await readdir(dir)).filter((f) => f.startsWith('dist.'))).toEqual([]);
  });
});

describe('the spec CLI', () => {
  const run = promisify(execFile);
  const cli = path.join(specDir, 'scripts', 'cli.ts');
  const tsx = path.join(specDir, 'node_modules', '.bin', 'tsx');

  it('exits 1 with file:line and no stack trace on a broken spec', async () => {
    const dir = await copySpec(path.join(fixturesDir, 'dangling-ref'));
    tempDirs.push(dir);
    const error = await run(
      tsx,
      [cli, 'build', '--root', path.join(dir, 'openapi.yaml'), '--out', path.join(dir, 'dist')],
      { cwd: dir },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(/components\/schemas\/v2\/Card\.yaml:7:5 {2}error {2}no-unresolved-refs/);
    expect(error?.stderr).toContain('nothing was written');
    expect(error?.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('exits 2 with a one-line message when the root file is missing', async () => {
    const error = await run(tsx, [cli, 'lint', '--root', '/nonexistent/openapi.yaml']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr.trim().split('\n')).toHaveLength(1);
    expect(error?.stderr).toMatch(/^error: .*openapi\.yaml/);
  });
});

/**
 * The GitHub workflows cannot run here, so the next best thing: they parse, have the shape GitHub
 * expects, and every `pnpm <script>` they call and every file they name exists in this repository.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workflowsDir = path.join(repoRoot, '.github', 'workflows');
const files = (await readdir(workflowsDir)).filter((f) => /\.ya?ml$/.test(f));
const rootScripts = Object.keys(
  (JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);
const PNPM_BUILTINS = new Set(['install', 'exec', 'run', 'test', 'build']);

interface Step {
  uses?: string;
  run?: string;
  name?: string;
}
interface Workflow {
  name?: string;
  on?: unknown;
  jobs?: Record<string, { 'runs-on'?: string; steps?: Step[] }>;
}

describe.each(files)('.github/workflows/%s', (file) => {
  it('parses and has named jobs with steps on a runner', async () => {
    const wf = parse(await readFile(path.join(workflowsDir, file), 'utf8')) as Workflow;
    expect(wf.name).toBeTruthy();
    expect(wf.on).toBeTruthy();
    expect(Object.keys(wf.jobs ?? {}).length).toBeGreaterThan(0);
    for (const job of Object.values(wf.jobs ?? {})) {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps?.length).toBeGreaterThan(0);
      for (const step of job.steps ?? [])
        expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
    }
  });

  it('calls only root scripts that exist, and pins every action to a version', async () => {
    const wf = parse(await readFile(path.join(workflowsDir, file), 'utf8')) as Workflow;
    for (const step of Object.values(wf.jobs ?? {}).flatMap((j) => j.steps ?? [])) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      for (const [, command, script] of (step.run ?? '').matchAll(/\bpnpm (run )?([\w:-]+)/g)) {
        if (command || !PNPM_BUILTINS.has(script ?? ''))
          expect(rootScripts, `pnpm ${script} in ${file}`).toContain(script);
      }
    }
  });
});

it('the pull-request workflow gates on lint annotations, breaking changes, old consumers and changesets', async () => {
  const text = await readFile(path.join(workflowsDir, 'pull-request.yml'), 'utf8');
  for (const needle of [
    'redocly lint --format=github-actions',
    'redocly stats',
    '--format=markdown',
    'check:breaking',
    '--format github',
    'check:consumers',
    'changeset status',
    'upload-artifact',
  ]) {
    expect(text).toContain(needle);
  }
});

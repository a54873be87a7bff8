/**
 * The changelog page. From a fixture report in the shape `--changelog` takes (per released
 * version: rule id, severity, operation, message): newest release first, findings grouped by
 * severity, operations of this spec linked to their pages, others named as given; a report with a
 * wrong field is refused with the field's place. From the git history (the default): a throw-away
 * repository holding this spec, released twice with a breaking edit between and an uncommitted
 * edit after, built into a folder of its own. And the real CLI in a shallow clone (a notice, no
 * failure) and with `--changelog` (the file wins over the history).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, buildSite, PACKAGE_DIR } from '../src/build.js';
import { parseReleaseReports, readReleaseReports } from '../src/changelog/report.js';
import { changelogPage } from '../src/pages/changelog.js';
import { buildModel } from '../src/site/model.js';
import { loadSpec } from '../src/spec/load.js';
import { site } from './support/site.js';

const FIXTURE = fileURLToPath(new URL('fixtures/changelog-report.json', import.meta.url));

describe('changelog page', () => {
  const releases = readReleaseReports(FIXTURE);
  const page = changelogPage(buildModel(loadSpec(), { releases }));

  it('lists releases newest first, each with its findings grouped by severity', () => {
    const headings = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['2.1.1', '2.1.0 (2026-03-02)', '2.0.0 (2026-01-15)']);
    const v210 = page.split('## 2.1.0')[1]!.split('\n## ')[0]!;
    expect(v210.indexOf('### Breaking changes')).toBeLessThan(v210.indexOf('### Changes that may affect you'));
    expect(v210).toContain(
      '- [`addFunds`](operations/addFunds.md): amount became required. (rule `request-property-required`)',
    );
    expect(page.split('## 2.1.1')[1]!.split('\n## ')[0]).toContain('No changes found by the checker.');
  });

  it('links operations of this spec and names the others as the report gives them', () => {
    expect(page).toContain('[`applyCreditToInvoice`](operations/applyCreditToInvoice.md)');
    expect(page).toContain('- `GET /api/billing/invoice/{id}/pdf`: The v1 PDF operation was removed');
  });

  it('puts the changes not released yet first', () => {
    const withUnreleased = changelogPage(
      buildModel(loadSpec(), { releases: [...releases, { version: 'Next', unreleased: true, findings: [] }] }),
    );
    expect([...withUnreleased.matchAll(/^## (.+)$/gm)].map((m) => m[1])[0]).toBe('Next');
  });

  it('refuses a report whose fields are wrong, naming the place', () => {
    expect(() => parseReleaseReports({}, 'r.json')).toThrow('r.json: expected a JSON array');
    expect(() => parseReleaseReports([{ version: '1', findings: [{}] }], 'r.json')).toThrow(
      'r.json: [0].findings[0].severity: expected one of breaking, warning, info, got undefined',
    );
    expect(() => parseReleaseReports([{ version: '1', date: '1 May', findings: [] }], 'r.json')).toThrow(
      'r.json: [0].date: expected YYYY-MM-DD, got "1 May"',
    );
  });
});

const SPEC_DIR = dirname(createRequire(import.meta.url).resolve('@billing-api/openapi/package.json'));
const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];
const temps: string[] = [];
let repo = '';

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('git', [...GIT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function release(version: string, date: string): void {
  writeFileSync(join(repo, 'spec/package.json'), `${JSON.stringify({ name: 'spec', version }, null, 2)}\n`);
  commitAll(`release ${version}`, date);
}

function commitAll(message: string, date: string): void {
  git(repo, ['add', '-A']);
  const when = `${date}T12:00:00Z`;
  git(repo, ['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
}

function editSpec(file: string, from: string, to: string): void {
  const path = join(repo, 'spec', file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

const CARD = 'components/schemas/v2/Card.yaml';
const IS_PRIMARY =
  "  isPrimary:\n    description: 'Whether `actions/pay` charges this card when no `savedCardId` is given.'\n    type: boolean\n";

beforeAll(() => {
  repo = temp('billing-docs-history-');
  git(repo, ['init', '-q', '-b', 'main']);
  for (const part of ['openapi.yaml', 'info-description.md', 'paths', 'components'])
    cpSync(join(SPEC_DIR, part), join(repo, 'spec', part), { recursive: true });
  release('2.0.0', '2026-01-10');
  editSpec(CARD, IS_PRIMARY, '');
  commitAll('cards lose isPrimary', '2026-01-20');
  release('3.0.0', '2026-02-01');
  editSpec(CARD, 'properties:\n', 'properties:\n  nickname:\n    type: string\n');
});

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  return page.slice(start + 1).split('\n## ')[0]!;
}

describe('changelog from the git history', () => {
  let result: BuildResult;
  let page = '';
  let html = '';

  beforeAll(async () => {
    const out = join(temp('billing-docs-history-site-'), 'site');
    result = await buildSite({ repoRoot: repo, outDir: out });
    page = readFileSync(join(out, 'changelog.md'), 'utf8');
    html = readFileSync(join(out, 'changelog.html'), 'utf8');
  });

  it('has one section per release, newest first, after the unreleased changes', () => {
    expect(result.changelog).toBe('history');
    expect(result.notice).toBeUndefined();
    expect([...page.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Unreleased',
      '3.0.0 (2026-02-01)',
      '2.0.0 (2026-01-10)',
    ]);
    expect(section(page, '2.0.0 (2026-01-10)')).toContain(
      'The first released version: nothing earlier to compare with.',
    );
  });

  it('lists the breaking edit in its release, first, with its operation linked to its page', () => {
    const v3 = section(page, '3.0.0 (2026-02-01)');
    expect(v3).toContain('Compared with `2.0.0`.');
    expect(v3.indexOf('### Breaking changes')).toBeGreaterThan(-1);
    const others = v3.indexOf('### Other changes');
    if (others >= 0) expect(v3.indexOf('### Breaking changes')).toBeLessThan(others);
    expect(v3).toMatch(
      /^- \[`listCards`\]\(operations\/listCards\.md\): [^\n]*isPrimary[^\n]* \(rule `response-property-removed`\)$/m,
    );
    expect(v3).not.toContain('response-property-added');
    expect(html).toContain('href="operations/listCards.html"');
  });

  it('shows the uncommitted edit as unreleased', () => {
    const next = section(page, 'Unreleased');
    expect(next).toContain('Changes since `3.0.0` that are not released yet.');
    expect(next).not.toContain('### Breaking changes');
    expect(next).toMatch(
      /^- \[`listCards`\]\(operations\/listCards\.md\): [^\n]*nickname[^\n]*`response-property-added`/m,
    );
  });
});

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the build command without the history', () => {
  // GIT_DIR makes every git command of the build read the shallow clone, as a CI checkout would.
  let shallowGit = '';
  beforeAll(() => {
    const clone = join(temp('billing-docs-shallow-'), 'clone');
    git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    shallowGit = join(clone, '.git');
  });
  afterAll(async () => {
    await buildSite(); // the other suites read dist/ as the default build makes it
  });

  it('in a shallow clone: builds, prints a one-line notice, and the page says how to get the history', async () => {
    const { code, stdout, stderr } = await cli(['build'], { GIT_DIR: shallowGit });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^docs: \d+ pages/);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toBe(
      'docs: changelog: the release history is unavailable (this is a shallow clone, which lacks the older commits); build from a full git clone (in a shallow one, run `git fetch --unshallow`) to list what changed between released versions',
    );
    const page = site('changelog.md');
    expect(page).toContain('The release history is unavailable to this build (this is a shallow clone');
    expect(page).toContain('`git fetch --unshallow`');
    expect(page).not.toMatch(/^## /m);
  });

  it('--changelog <file> wins over the history', async () => {
    const { code, stderr } = await cli(['build', '--changelog', FIXTURE], { GIT_DIR: shallowGit });
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const page = site('changelog.md');
    expect([...page.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      '2.1.1',
      '2.1.0 (2026-03-02)',
      '2.0.0 (2026-01-15)',
    ]);
    expect(page).not.toContain('unavailable');
  });
});

// The release history on a throw-away git repository: the fixture spec released as 1.0.0, an
// optional request property added and released as 1.1.0, a response property removed and released
// as 2.0.0, then an uncommitted edit. Each release carries the checker's findings against the one
// before; a shallow clone and a folder outside git say why there is no history instead of throwing.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model.js';
import { releaseHistory, specReleases } from '../src/source/history.js';
import { editFile, FIXTURE_DIR, replaceOnce } from './helpers.js';

let repo = '';
const temps: string[] = [];
const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', [...GIT, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function setVersion(version: string): void {
  const file = path.join(repo, 'spec', 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
}

function commit(message: string, date: string): string {
  git(repo, 'add', '-A');
  const r = spawnSync('git', [...GIT, 'commit', '-q', '-m', message], {
    cwd: repo,
    env: { ...process.env, GIT_COMMITTER_DATE: `${date}T12:00:00Z`, GIT_AUTHOR_DATE: `${date}T12:00:00Z` },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git commit: ${r.stderr}`);
  return git(repo, 'rev-parse', 'HEAD');
}

const commits: Record<string, string> = {};

beforeAll(() => {
  repo = temp('bc-history-');
  git(repo, 'init', '-q', '-b', 'main');
  cpSync(FIXTURE_DIR, path.join(repo, 'spec'), { recursive: true });
  writeFileSync(path.join(repo, 'spec', 'package.json'), '{ "name": "fixture-spec" }\n');
  commits.unversioned = commit('spec without a version', '2026-01-01');
  setVersion('1.0.0');
  commits['1.0.0'] = commit('release 1.0.0', '2026-01-10');
  editFile(repo, 'spec/components/schemas/PayInvoiceRequest.yaml', (t) => `${t}  memo:\n    type: string\n`);
  commit('memo on payments', '2026-01-20');
  setVersion('1.1.0');
  commits['1.1.0'] = commit('release 1.1.0', '2026-02-01');
  editFile(repo, 'spec/package.json', replaceOnce('"name": "fixture-spec"', '"name": "fixture-spec-renamed"'));
  commit('a manifest edit that is not a release', '2026-02-05');
  editFile(repo, 'spec/components/schemas/Invoice.yaml', replaceOnce('  amountDue:\n    $ref: ./Money.yaml\n', ''));
  commit('drop amountDue', '2026-02-10');
  setVersion('2.0.0');
  commits['2.0.0'] = commit('release 2.0.0', '2026-03-01');
  editFile(
    repo,
    'spec/components/schemas/Invoice.yaml',
    replaceOnce('\nproperties:\n', '\nproperties:\n  reminderSentAt:\n    type: string\n'),
  );
});

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('release history', { timeout: 120_000 }, () => {
  it('finds the commits where the spec version changed, oldest first', () => {
    expect(specReleases(repo)).toEqual([
      { version: '1.0.0', commit: commits['1.0.0'], date: '2026-01-10' },
      { version: '1.1.0', commit: commits['1.1.0'], date: '2026-02-01' },
      { version: '2.0.0', commit: commits['2.0.0'], date: '2026-03-01' },
    ]);
  });

  it('reports each release against the one before, and the working tree as Unreleased', async () => {
    const history = await releaseHistory(path.join(repo, 'spec'));
    if (!history.available) throw new Error(history.reason);
    const entries = history.releases.map((r) => ({
      version: r.version,
      unreleased: r.unreleased,
      previous: r.previous,
      date: r.date,
      findings: r.report?.findings.map((f) => `${f.severity} ${f.ruleId} ${f.operation}`).sort(),
    }));
    expect(entries).toEqual([
      { version: '1.0.0', unreleased: false, previous: undefined, date: '2026-01-10', findings: undefined },
      {
        version: '1.1.0',
        unreleased: false,
        previous: '1.0.0',
        date: '2026-02-01',
        findings: ['info request-property-added POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)'],
      },
      {
        version: '2.0.0',
        unreleased: false,
        previous: '1.1.0',
        date: '2026-03-01',
        findings: [
          'breaking response-property-removed GET /api/v2/billing/invoices (listInvoices)',
          'breaking response-property-removed GET /api/v2/billing/invoices/{id} (getInvoice)',
          'breaking response-property-removed POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)',
        ],
      },
      {
        version: 'Unreleased',
        unreleased: true,
        previous: '2.0.0',
        date: undefined,
        findings: [
          'info response-property-added GET /api/v2/billing/invoices (listInvoices)',
          'info response-property-added GET /api/v2/billing/invoices/{id} (getInvoice)',
          'info response-property-added POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)',
        ],
      },
    ]);
    const v2 = history.releases[2]!.report!;
    expect(v2.summary.breaking).toBe(3);
    expect([v2.base, v2.head]).toEqual(['1.1.0', '2.0.0']);
  });

  it('says a shallow clone lacks the history instead of guessing', async () => {
    const shallow = path.join(temp('bc-shallow-'), 'clone');
    spawnSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    expect(await releaseHistory(shallow)).toEqual({
      available: false,
      reason: 'this is a shallow clone, which lacks the older commits',
    });
  });

  it('says a folder outside git has no history, and a repository without a versioned spec has no release', async () => {
    const plain = temp('bc-plain-');
    expect(await releaseHistory(plain)).toEqual({
      available: false,
      reason: `${plain} is not inside a git repository`,
    });
    const unversioned = temp('bc-unversioned-');
    git(unversioned, 'init', '-q', '-b', 'main');
    git(unversioned, 'commit', '-q', '--allow-empty', '-m', 'empty');
    expect(await releaseHistory(unversioned)).toEqual({
      available: false,
      reason: 'no commit has a version in spec/package.json',
    });
  });

  it('names the file and line when a release cannot be bundled', async () => {
    const broken = temp('bc-broken-');
    git(broken, 'init', '-q', '-b', 'main');
    cpSync(FIXTURE_DIR, path.join(broken, 'spec'), { recursive: true });
    writeFileSync(path.join(broken, 'spec', 'package.json'), '{ "version": "1.0.0" }\n');
    writeFileSync(path.join(broken, 'spec', 'openapi.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
    git(broken, 'add', '-A');
    git(broken, 'commit', '-q', '-m', 'broken release');
    const failure = await releaseHistory(broken).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toMatch(/^[0-9a-f]{10}:spec\/openapi\.yaml:\d+: invalid YAML/);
  });
});

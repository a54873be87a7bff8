// End-to-end: the built bin on a throw-away git repository with the fixture committed as spec/,
// and the working tree changed per test.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, editFile, FIXTURE_DIR, lineOf, replaceOnce } from './helpers.js';

let repo = '';
const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

function git(...args: string[]): string {
  const r = spawnSync('git', [...GIT, ...args], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const spec = (rel: string): string => path.join('spec', rel);
const dropAmountDue = (): void =>
  editFile(repo, spec('components/schemas/Invoice.yaml'), replaceOnce('  amountDue:\n    $ref: ./Money.yaml\n', ''));

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'bc-e2e-'));
  git('init', '-q', '-b', 'main');
  git('commit', '-q', '--allow-empty', '-m', 'empty');
  git('tag', 'before-spec');
  cpSync(FIXTURE_DIR, path.join(repo, 'spec'), { recursive: true });
  mkdirSync(path.join(repo, '.changeset'));
  writeFileSync(path.join(repo, '.changeset', 'README.md'), '# Changesets\n');
  git('add', '.');
  git('commit', '-q', '-m', 'spec');
});

beforeEach(() => {
  git('checkout', '-q', '--', '.');
  git('clean', '-qfd');
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('cli', { timeout: 120_000 }, () => {
  it('unchanged spec: exit 0', () => {
    const r = cli();
    expect(r.stdout).toContain('0 breaking, 0 warnings, 0 info');
    expect(r.status).toBe(0);
  });

  it('removing a response property: exit 1 with file:line', () => {
    dropAmountDue();
    const r = cli();
    const line = lineOf(repo, spec('components/schemas/Invoice.yaml'), /^properties:/);
    expect(r.stdout).toContain(
      `spec/components/schemas/Invoice.yaml:${line}  response-property-removed  GET /api/v2/billing/invoices/{id} (getInvoice)`,
    );
    expect(r.stdout).toMatch(/3 breaking, 0 warnings, 0 info/);
    expect(r.stdout).toMatch(/no pending changeset gives @billing-api\/openapi a major bump/);
    expect(r.status).toBe(1);
  });

  it('adding an optional property: exit 0', () => {
    editFile(repo, spec('components/schemas/PayInvoiceRequest.yaml'), (t) => `${t}  memo:\n    type: string\n`);
    const r = cli();
    expect(r.stdout).toMatch(/0 breaking, 0 warnings, 1 info/);
    expect(r.stdout).toContain('request-property-added');
    expect(r.status).toBe(0);
  });

  it('a pending major changeset turns exit 1 into exit 0; a minor one does not', () => {
    dropAmountDue();
    writeFileSync(path.join(repo, '.changeset', 'y.md'), '---\n"@billing-api/openapi": minor\n---\n\nTweak.\n');
    expect(cli().status).toBe(1);
    writeFileSync(
      path.join(repo, '.changeset', 'x.md'),
      '---\n"@billing-api/openapi": major\n---\n\nDrop amountDue.\n',
    );
    let r = cli();
    expect(r.stdout).toContain(
      '3 wire-breaking change(s) accepted: .changeset/x.md gives @billing-api/openapi a major bump.',
    );
    // The removal also breaks code compiled against the generated types: that package needs its own major...
    expect(r.stdout).toContain('3 types-breaking change(s)');
    expect(r.stdout).toContain('no pending changeset gives @billing-api/types a major bump');
    expect(r.status).toBe(1);
    // ...unless changesets bumps it together with the spec (a fixed group), as this repository does.
    writeFileSync(
      path.join(repo, '.changeset', 'config.json'),
      JSON.stringify({ fixed: [['@billing-api/openapi', '@billing-api/types']] }),
    );
    r = cli();
    expect(r.stdout).toContain(
      '3 types-breaking change(s) accepted: .changeset/x.md gives @billing-api/types a major bump.',
    );
    expect(r.status).toBe(0);
  });

  it('a wire-safe, types-breaking change (operationId renamed) needs the types major only', () => {
    editFile(
      repo,
      spec('paths/invoice-by-id.yaml'),
      replaceOnce('operationId: getInvoice', 'operationId: fetchInvoice'),
    );
    let r = cli();
    expect(r.stdout).toMatch(/0 breaking, 0 warnings, 1 info; 1 types-breaking/);
    expect(r.stdout).toContain('No wire-breaking changes.');
    expect(r.status).toBe(1);
    writeFileSync(
      path.join(repo, '.changeset', 'z.md'),
      '---\n"@billing-api/types": major\n---\n\nRename getInvoice.\n',
    );
    r = cli('--types-package', '@billing-api/types');
    expect(r.status).toBe(0);
    expect(cli('--types-package', 'none').status).toBe(0);
  });

  it('bad YAML: exit 2 naming file and line, no stack trace', () => {
    editFile(repo, spec('paths/invoices.yaml'), () => 'get:\n  operationId: x\n  responses: [\n   bad: : :\n');
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: spec\/paths\/invoices\.yaml:4: invalid YAML/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('unresolvable $ref: exit 2 naming file and line', () => {
    editFile(
      repo,
      spec('paths/invoice-pay.yaml'),
      replaceOnce('$ref: ../components/schemas/PayInvoiceRequest.yaml', '$ref: ../components/schemas/Nope.yaml'),
    );
    const r = cli();
    const line = lineOf(repo, spec('paths/invoice-pay.yaml'), /^ {8}schema:/, /requestBody/);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^error: spec/paths/invoice-pay\\.yaml:${line}: Can't resolve \\$ref.*Nope\\.yaml`),
    );
  });

  it('bad YAML on the base side: exit 2 naming ref, file and line', () => {
    editFile(repo, spec('components/schemas/Money.yaml'), () => 'type: object\nproperties: [\n');
    git('commit', '-q', '-am', 'broken');
    git('checkout', '-q', 'HEAD~1', '--', 'spec');
    try {
      const r = cli('--base', 'HEAD');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: HEAD:spec\/components\/schemas\/Money\.yaml:3: invalid YAML/);
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('github format to a file', () => {
    dropAmountDue();
    const r = cli('--format', 'github', '--out', 'report.txt');
    const out = readFileSync(path.join(repo, 'report.txt'), 'utf8');
    const line = lineOf(repo, spec('components/schemas/Invoice.yaml'), /^properties:/);
    expect(out).toContain(
      `::error file=spec/components/schemas/Invoice.yaml,line=${line},title=response-property-removed::`,
    );
    expect(r.stdout).toContain('report written to report.txt');
    expect(r.status).toBe(1);
  });

  it('--fail-on warning fails on a response enum value added', () => {
    editFile(repo, spec('components/schemas/InvoiceStatus.yaml'), (t) => `${t}  - refunded\n`);
    expect(cli().status).toBe(0);
    const r = cli('--fail-on', 'warning', '--format', 'markdown');
    expect(r.stdout).toContain('**0 breaking, 3 warnings, 0 info; 0 types-breaking**');
    expect(r.status).toBe(1);
  });

  it('--base at a commit without the spec: says so, exit 0', () => {
    const r = cli('--base', 'before-spec');
    expect(r.stdout).toContain('The base before-spec has no spec/openapi.yaml');
    expect(r.status).toBe(0);
  });

  it('usage errors: exit 2 with one line', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'xml'], /--format "xml" is not valid: expected one of text, json, markdown, github/],
      [['--nope'], /unknown flag --nope/],
      [['--base', 'no-such-ref'], /unknown git ref "no-such-ref"/],
      [['--spec', 'spec/missing.yaml'], /--spec "spec\/missing\.yaml": no such file/],
      [['--out', 'no/such/dir/report.md'], /--out "no\/such\/dir\/report\.md": folder .* does not exist/],
      [['--base'], /--base needs a value: a git ref/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^error: [^\n]+\n$/);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, 'no usage dump').toBe('');
    }
  });

  it('never touches the working tree or index', () => {
    dropAmountDue();
    const before = git('status', '--porcelain');
    cli('--base', 'HEAD');
    expect(git('status', '--porcelain')).toBe(before);
  });
});

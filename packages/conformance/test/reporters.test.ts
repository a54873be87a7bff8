// The reporters render one run the same way everywhere: the summary names unreachable statuses with
// their reasons and every finding; the Markdown matrix marks each cell; the JUnit XML is well formed,
// escaped, and counts failures and skipped scenarios; writeReports puts the four files in --out.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildMatrix,
  bundledValidator,
  checkSpec,
  formatJUnit,
  formatMarkdown,
  formatProgress,
  formatSummary,
  REPORT_FILES,
  type RunReport,
  type ScenarioResult,
  toJson,
  writeReports,
} from '../src/index.js';
import type { Exchange } from '../src/live/session.js';
import { specCopy } from './helpers/spec.js';

function fixtureReport(): RunReport {
  const doc = specCopy();
  delete doc.paths['/api/v2/billing/cards'].get.responses['429'];
  const results: ScenarioResult[] = [
    {
      id: 'getInvoice 200 success',
      operation: 'getInvoice',
      status: 200,
      kind: 'success',
      title: 'a <valid> & "quoted" request',
      outcome: 'passed',
      findings: [],
    },
    {
      id: 'getInvoice 404 unknown id',
      operation: 'getInvoice',
      status: 404,
      kind: 'not-found',
      title: 'a never-issued id',
      outcome: 'failed',
      findings: [
        {
          operation: 'getInvoice',
          status: 200,
          location: 'scenario',
          pointer: '/path/id',
          code: 'unexpected_status',
          expected: '404',
          actual: '200',
          message: 'GET /api/v2/billing/invoices/inv_x answered 200 <ok>; expected 404',
          source: 'getInvoice 404 unknown id',
        },
      ],
    },
    {
      id: 'getInvoice 500 server fault',
      operation: 'getInvoice',
      status: 500,
      kind: 'fault',
      title: 'a fault',
      outcome: 'not_reachable',
      reason: 'a server fault cannot be provoked from outside',
      findings: [],
    },
  ];
  const exchange = (scenario: string) =>
    ({
      scenario,
      operation: 'getInvoice',
      request: { method: 'GET', path: '/', headers: {} },
      response: { status: 200, headers: new Headers(), body: {}, text: '{}' },
      findings: [],
    }) as Exchange;
  const exchanges = [exchange('getInvoice 200 success'), exchange('getInvoice 404 unknown id')];
  const matrix = buildMatrix(bundledValidator(), results, exchanges, ['getInvoice']);
  return {
    static: checkSpec(doc),
    live: {
      baseUrl: 'http://127.0.0.1:9',
      sandbox: false,
      results,
      exchanges,
      matrix,
      findings: results.flatMap((r) => r.findings),
      clockMovedMs: 0,
      rateLimitWaitMs: 0,
      durationMs: 1234,
    },
  };
}

/** Tags open and close in order (a small well-formedness check, enough for what junit.ts writes). */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml
    .replace(/<\?xml[^>]*\?>/, '')
    .matchAll(/<(\/?)([A-Za-z]+)(?:\s+[a-z]+="[^"<>]*")*\s*(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && !/<[^/?A-Za-z]/.test(xml);
}

describe('reporters', () => {
  const report = fixtureReport();

  it('summary: coverage, unreachable statuses with reasons, findings, verdict', () => {
    const text = formatSummary(report);
    expect(text).toContain(
      'Coverage: 1/1 operations exercised; 7 operation x status cells: 1 exercised, 1 failed, 5 not reachable',
    );
    expect(text).toContain('  getInvoice 500: a server fault cannot be provoked from outside');
    expect(text).toContain('  getInvoice 401: no scenario of the kit provokes it');
    expect(text).toContain('listCards /paths/~1api~1v2~1billing~1cards/get/responses missing_status: expected 429');
    expect(text).toContain('getInvoice 200 /path/id unexpected_status: expected 404, got 200');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Result: FAIL (2 findings)');
  });

  it('summary: the run time and, on a sandbox, how far the run moved its shared clock', () => {
    expect(formatSummary(report)).toContain('Time: 1.2 s\n');
    expect(formatSummary(report)).not.toContain('clock');
    const sandbox = {
      ...report,
      live: { ...report.live, sandbox: true, clockMovedMs: 30 * 86_400_000 + 1000, rateLimitWaitMs: 3000 },
    };
    const text = formatSummary(sandbox);
    expect(text).toContain("Time: 1.2 s, 3.0 s of it waiting on the server's rate limit");
    expect(text).toContain('Sandbox clock moved: 30 d 1 s (only the clocks of accounts the run made)');
    expect(toJson(sandbox)).toMatchObject({ run: { clockMovedMs: 30 * 86_400_000 + 1000, rateLimitWaitMs: 3000 } });
  });

  it('progress: one line per operation and kind, with the count so far and the time spent on 429s', () => {
    const results = report.live.results.slice(0, 2);
    expect(
      formatProgress({
        event: 'operation',
        kind: 'negative',
        operation: 'getInvoice',
        results,
        done: 12,
        total: 460,
        elapsedMs: 4321,
        rateLimitWaitMs: 2000,
      }),
    ).toBe(
      `[ 12/460] negative    getInvoice: ${results.filter((r) => r.outcome === 'passed').length} passed, 1 failed (4.3 s, 2.0 s waiting on 429)`,
    );
    expect(formatProgress({ event: 'start', baseUrl: 'http://127.0.0.1:9', sandbox: false, scenarios: 460 })).toBe(
      'Checking http://127.0.0.1:9 (black-box: no control endpoints): 460 scenarios',
    );
  });

  it('Markdown: one row per operation, one column per status, then reasons and findings', () => {
    const md = formatMarkdown(report);
    expect(md).toContain('| operation | 200 | 400 | 401 | 403 | 404 | 429 | 500 |');
    expect(md).toContain('| `getInvoice` | ✅ | ➖ | ➖ | ➖ | ❌ | ➖ | ➖ |');
    expect(md).toContain('| `getInvoice` | 500 | a server fault cannot be provoked from outside |');
    expect(md).toContain('## Findings (2)');
  });

  it('JUnit: well formed and escaped; a suite for the spec and per operation; failures and skipped counted', () => {
    const xml = formatJUnit(report);
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('<testsuites name="billing-conformance" tests="6" failures="2" errors="0" skipped="1">');
    expect(xml).toContain('<testsuite name="getInvoice" tests="3" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('name="getInvoice 200 success: a &lt;valid&gt; &amp; &quot;quoted&quot; request"/>');
    expect(xml).toContain('<skipped message="a server fault cannot be provoked from outside"/>');
    expect(xml).toContain('answered 200 &lt;ok&gt;; expected 404');
  });

  it('writeReports: the four files, as the formatters render them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-reports-'));
    try {
      await writeReports(join(dir, 'out'), report);
      const read = (name: string) => readFile(join(dir, 'out', name), 'utf8');
      expect(REPORT_FILES).toEqual(['coverage.json', 'coverage.md', 'junit.xml', 'summary.txt']);
      expect(JSON.parse(await read('coverage.json'))).toEqual(JSON.parse(JSON.stringify(toJson(report))));
      expect(await read('coverage.md')).toBe(formatMarkdown(report));
      expect(await read('junit.xml')).toBe(formatJUnit(report));
      expect(await read('summary.txt')).toBe(formatSummary(report));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

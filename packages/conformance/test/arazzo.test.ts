// The Arazzo workflows @billing-api/openapi exports (`./workflows/*`): they lint with the spec
// package's workflow config, they name only operations and security schemes of the spec, the four
// flows are there, and `redocly respect` runs each one green against a fresh sandbox account (JSON
// output kept in test-results/respect/) — and red against a faulty server.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listOperations } from '@billing-api/openapi-model';
import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledSpec } from '../src/spec.js';
import { jsonResponse, startFaultProxy } from './helpers/fault-proxy.js';
import { PACKAGE_DIR, redocly, WORKFLOWS_DIR, WORKFLOWS_LINT_CONFIG } from './helpers/redocly.js';
import { withSandbox } from './helpers/sandbox.js';

const FLOWS = {
  'apply-credit-until-paid.arazzo.yaml': 'applyCreditUntilPaid',
  'payment-link-reuse-and-pay.arazzo.yaml': 'paymentLinkReuseAndPay',
  'credit-invoice-credit-note.arazzo.yaml': 'creditInvoiceThenCreditNote',
  'add-funds-pay-apply.arazzo.yaml': 'addFundsPayApply',
} as const;

/**
 * Requests each flow makes on the fresh account below (a 500 SEK invoice, 1000 credit): the credit
 * loop is 1 list + 5 balance checks + 4 instalments of 100 + the rest + 1 confirmation.
 */
const REQUESTS: Record<keyof typeof FLOWS, number> = {
  'apply-credit-until-paid.arazzo.yaml': 12,
  'payment-link-reuse-and-pay.arazzo.yaml': 7,
  'credit-invoice-credit-note.arazzo.yaml': 4,
  'add-funds-pay-apply.arazzo.yaml': 6,
};
type File = keyof typeof FLOWS;

const RESULTS = join(PACKAGE_DIR, 'test-results', 'respect');
const files = Object.keys(FLOWS) as File[];

let sandbox: RunningSandbox;
beforeAll(async () => {
  // Payments settle at the next request, so polling steps see `paid` on their first try.
  sandbox = await withSandbox({ paymentDelayMs: 0 });
  await mkdir(RESULTS, { recursive: true });
});
afterAll(async () => {
  await sandbox.close();
});

/** A fresh business account (via the sandbox's control endpoint) with credit, a card and one 500 SEK invoice. */
async function freshKey(): Promise<string> {
  const response = await fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'business',
      credit: 1000,
      cards: [{ last4: '4242', primary: true }],
      invoices: [
        { status: 'unpaid', lines: [{ description: 'Webbhotell Pro, 12 månader', unitAmount: 400, taxRate: 25 }] },
      ],
      keys: { workflow: ['read:billing', 'write:billing'] },
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { keys: { workflow: string } }).keys.workflow;
}

describe('Arazzo workflows', () => {
  it('are the four flows, in Arazzo 1.0.1, naming only operations and schemes of the spec', async () => {
    expect((await readdir(WORKFLOWS_DIR)).filter((f) => f.endsWith('.arazzo.yaml')).sort()).toEqual([...files].sort());
    const operationIds = new Set(listOperations(bundledSpec).map((o) => o.operationId));
    const schemes = new Set(Object.keys(bundledSpec.components?.securitySchemes ?? {}));
    for (const file of files) {
      const doc = parse(await readFile(join(WORKFLOWS_DIR, file), 'utf8'));
      expect(doc.arazzo).toBe('1.0.1');
      expect(doc.sourceDescriptions).toEqual([{ name: 'billing', url: '../openapi.yaml', type: 'openapi' }]);
      expect(doc.workflows.map((w: { workflowId: string }) => w.workflowId)).toEqual([FLOWS[file]]);
      for (const step of doc.workflows[0].steps) {
        expect(operationIds, `${file} ${step.stepId}`).toContain(step.operationId);
        for (const security of step['x-security'] ?? [])
          expect(schemes, `${file} ${step.stepId}`).toContain(security.schemeName);
      }
    }
  });

  it('lint clean, and lint catches a broken workflow', async () => {
    const clean = await redocly([
      'lint',
      '--config',
      WORKFLOWS_LINT_CONFIG,
      ...files.map((f) => join(WORKFLOWS_DIR, f)),
    ]);
    expect(clean.output).toContain('valid');
    expect(clean.code).toBe(0);
    const brokenDir = join(PACKAGE_DIR, 'test-results', 'arazzo-lint');
    await mkdir(brokenDir, { recursive: true });
    const source = await readFile(join(WORKFLOWS_DIR, files[0]!), 'utf8');
    const broken = join(brokenDir, 'broken.arazzo.yaml');
    await writeFile(
      broken,
      source
        .replace('url: ../openapi.yaml', `url: ${join(WORKFLOWS_DIR, '../openapi.yaml')}`)
        .replace('  version: 1.0.0\n', ''),
    );
    const failed = await redocly(['lint', '--config', WORKFLOWS_LINT_CONFIG, '--format', 'stylish', broken]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('The field `version` must be present on this level');
  });

  for (const file of files) {
    it(`${FLOWS[file]} runs green with redocly respect against a sandbox`, async () => {
      const json = join(RESULTS, file.replace('.arazzo.yaml', '.json'));
      const run = await redocly([
        'respect',
        join(WORKFLOWS_DIR, file),
        '--server',
        `billing=${sandbox.url}`,
        '--input',
        `apiKey=${await freshKey()}`,
        '--json-output',
        json,
      ]);
      expect(run.output).not.toContain('✗');
      expect(run.code).toBe(0);
      const report = JSON.parse(await readFile(json, 'utf8'));
      expect(report.status).toBe('success');
      const result = Object.values(report.files)[0] as {
        totalRequests: number;
        executedWorkflows: Array<{ workflowId: string }>;
      };
      expect(result.executedWorkflows.map((w) => w.workflowId)).toEqual([FLOWS[file]]);
      expect(result.totalRequests).toBe(REQUESTS[file]);
    });
  }

  it('fails when the server breaks a step (add-funds answers without its invoice)', async () => {
    const proxy = await startFaultProxy(sandbox.url, [
      {
        operation: 'addFunds',
        response: (r) => (r.status === 201 ? jsonResponse(r, ({ invoice: _invoice, ...rest }) => rest) : r),
      },
    ]);
    try {
      const file = 'add-funds-pay-apply.arazzo.yaml';
      const run = await redocly([
        'respect',
        join(WORKFLOWS_DIR, file),
        '--server',
        `billing=${proxy.url}`,
        '--input',
        `apiKey=${await freshKey()}`,
        '--json-output',
        join(RESULTS, 'faulty-add-funds.json'),
      ]);
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/✗ POST \/api\/v2\/billing\/credit\/actions\/add-funds - step addFunds/);
    } finally {
      await proxy.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type ConsumerFile, readmeBlocks } from '../src/collect.js';
import { typecheckWorkspace } from '../src/typecheck.js';
import { createConsumerWorkspace } from '../src/workspace.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '..', '..');

describe('README examples', () => {
  it('become one module per ts block, with line numbers equal to the README', () => {
    const md = [
      '# Client',
      '',
      '```ts',
      'const a: number = 1;',
      '```',
      'text',
      '```typescript',
      'const b = 2;',
      '```',
      '```sh',
      'pnpm x',
      '```',
    ].join('\n');
    const blocks = readmeBlocks(md, 'HEAD:packages/client/README.md');
    expect(blocks.map((b) => b.origin)).toEqual([
      'HEAD:packages/client/README.md#L4',
      'HEAD:packages/client/README.md#L8',
    ]);
    expect(blocks[0]?.content.split('\n')[3]).toBe('const a: number = 1;');
    expect(blocks[1]?.content.split('\n')[7]).toBe('const b = 2;');
  });
});

describe('old consumer code against the working tree', () => {
  const usage = (body: string): string => `import { createBillingClient } from '@billing-api/client';
const billing = createBillingClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'key' });
const invoice = await billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k' } } });
${body}
export {};
`;

  it('reports the usage that broke, with its origin and line, and only that one', async () => {
    const files: ConsumerFile[] = [
      {
        origin: 'old docs sample A',
        path: 'docs-samples/still-fine.ts',
        content: usage('const due: number = invoice.balance;'),
      },
      // A property the previous release had (say) and the new types do not: what a removed response property does to users.
      {
        origin: 'old docs sample B',
        path: 'docs-samples/removed-property.ts',
        content: usage('const due: number = invoice.amountDue;'),
      },
      {
        origin: 'old docs sample C',
        path: 'docs-samples/removed-operation.ts',
        content: usage("await billing.GET('/api/v2/billing/refunds', {});"),
      },
    ];
    const workspace = await createConsumerWorkspace(repoRoot, files);
    try {
      const broken = await typecheckWorkspace(workspace);
      expect(broken.map((b) => b.origin).sort()).toEqual(['old docs sample B', 'old docs sample C']);
      const removedProperty = broken.find((b) => b.origin === 'old docs sample B');
      expect(removedProperty).toMatchObject({ line: 4, code: 'TS2339' });
      expect(removedProperty?.message).toContain('amountDue');
    } finally {
      await workspace.cleanup();
    }
  });

  it('the workspace holds no links: old code resolves the working tree through rootDirs and this package', async () => {
    const workspace = await createConsumerWorkspace(repoRoot, [
      { origin: 'x', path: 'docs-samples/a.ts', content: 'export {};\n' },
    ]);
    try {
      const entries = await readdir(workspace.dir, { recursive: true, withFileTypes: true });
      expect(entries.filter((e) => e.isSymbolicLink())).toEqual([]);
    } finally {
      await workspace.cleanup();
    }
  });

  it('the consumer code of HEAD compiles against the working tree (the bin, exit 0)', async () => {
    const bin = path.join(packageDir, 'bin', 'billing-old-consumers.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--base', 'HEAD'], {
      cwd: repoRoot,
      maxBuffer: 16 << 20,
    });
    expect(stdout).toMatch(/consumer file\(s\) of HEAD checked against the working tree: all compile\./);
    // The client's tests that use the spec and the model are consumer code; only the packaging tests are left out.
    expect(stdout).toContain(
      'left out HEAD:packages/client/test/package.test.ts: it imports @billing-api/package-tooling',
    );
    expect(stdout).not.toMatch(/left out .*(auth|generated)\.test\.ts/);
  });

  it('finds the private packages a module imports, statically or dynamically, and nothing else', async () => {
    const { importedPrivatePackage, privatePackages } = await import('../src/collect.js');
    const names = privatePackages(repoRoot);
    expect(names).toContain('@billing-api/package-tooling');
    expect(names).not.toContain('@billing-api/client');
    expect(importedPrivatePackage("import { x } from '@billing-api/package-tooling';", names)).toBe(
      '@billing-api/package-tooling',
    );
    expect(importedPrivatePackage("await import('@billing-api/docs/samples')", names)).toBe('@billing-api/docs');
    expect(importedPrivatePackage("import { y } from '@billing-api/client/money';", names)).toBeUndefined();
  });
});

describe('flags', () => {
  it('each mistake is one line naming the flag, the value and what is expected', async () => {
    const { parseFlags } = await import('../src/flags.js');
    expect(() => parseFlags(['--format', 'xml'])).toThrow('--format "xml" is not valid: expected text or github');
    expect(() => parseFlags(['--base'])).toThrow('--base needs a value: a git ref (branch, tag or commit)');
    expect(() => parseFlags(['--nope'])).toThrow('unknown flag --nope; known flags: --base, --format');
    expect(parseFlags(['--base=main', '--format', 'github'])).toEqual({ base: 'main', format: 'github' });
  });
});

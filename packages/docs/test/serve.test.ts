/**
 * Serving the site: the static server (types, 404, no escape from the root, HEAD), the `serve`
 * command with its `--port` flag, and `dev`, which rebuilds when the bundled spec changes.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev } from '../src/dev.js';
import { type StaticServer, startStaticServer } from '../src/serve.js';
import { bundledSpecPath } from '../src/spec/load.js';
import { DIST_DIR } from './support/site.js';

describe('static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: DIST_DIR });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and serves pages with their content types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cases: Array<[string, string]> = [
      ['/', 'text/html'],
      ['/reference.html', 'text/html'],
      ['/llms.txt', 'text/plain'],
      ['/operations/applyCreditToInvoice.md', 'text/markdown'],
      ['/openapi.json', 'application/json'],
      ['/assets/scalar/standalone.js', 'text/javascript'],
      ['/assets/favicon.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      await res.arrayBuffer();
    }
    expect(await (await fetch(`${server.url}/`)).text()).toBe(readFileSync(join(DIST_DIR, 'index.html'), 'utf8'));
  });

  it('answers 404 for missing files and for paths that leave the root', async () => {
    expect((await fetch(`${server.url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${server.url}/llms.txt`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('serve command', () => {
  it('serves dist/ on the port given with --port', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('serving')) resolve(out);
        });
        child.stderr.on('data', (chunk) => (out += chunk));
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      expect(line).toContain(`http://127.0.0.1:${port}/`);
      const res = await fetch(`http://127.0.0.1:${port}/llms.txt`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(readFileSync(join(DIST_DIR, 'llms.txt'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('rejects an invalid port', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('--port must be 0-65535');
  });
});

describe('dev', () => {
  it('rebuilds the served site when the bundled spec changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'billing-docs-dev-'));
    const specPath = join(dir, 'openapi.json');
    cpSync(bundledSpecPath(), specPath);
    const logs: string[] = [];
    const session = await startDev({ specPath, outDir: join(dir, 'site'), log: (l) => logs.push(l) });
    try {
      const before = await (await fetch(`${session.server.url}/llms.txt`)).text();
      expect(before).toContain('[List invoices](operations/listInvoices.md)');
      const spec = JSON.parse(readFileSync(specPath, 'utf8'));
      spec.paths['/api/v2/billing/invoices'].get.summary = 'List every invoice';
      writeFileSync(specPath, JSON.stringify(spec));
      // Wait for the watcher to see the change and the rebuild to finish (bounded polling).
      let after = before;
      for (let i = 0; i < 100 && !after.includes('List every invoice'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await session.idle();
        after = await (await fetch(`${session.server.url}/llms.txt`)).text();
      }
      expect(after).toContain('[List every invoice](operations/listInvoices.md)');
      expect(logs.some((l) => l.includes('changed'))).toBe(true);
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

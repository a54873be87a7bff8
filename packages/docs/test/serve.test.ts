/**
 * Serving the site: the static server answers every request, however malformed (raw request lines
 * over a socket), turns an error inside a request into a 500 and keeps serving, sends the
 * precompressed copy a client accepts with cache headers and ETags, serves error pages at their
 * problem `type` path (`/errors/<code>`) and at their old `.html` path; `serve --port` and `dev`.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev } from '../src/dev.js';
import { type StaticServer, startStaticServer } from '../src/server/serve.js';
import { bundledSpecPath } from '../src/spec/load.js';
import { DIST_DIR, model } from './support/site.js';

/** Sends raw bytes and returns the status line of the answer (or what happened to the socket). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', (error) => resolve(`error ${error.message}`));
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('static server', () => {
  let server: StaticServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startStaticServer({ root: DIST_DIR, log: (line) => logged.push(line) });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and serves pages with their content types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cases: Array<[string, string]> = [
      ['/', 'text/html'],
      ['/reference.html', 'text/html'],
      ['/llms.txt', 'text/plain'],
      ['/operations/applyCreditToInvoice.md', 'text/markdown'],
      ['/operations/applyCreditToInvoice.html', 'text/html'],
      ['/openapi.json', 'application/json'],
      ['/assets/scalar/standalone.js', 'text/javascript'],
      ['/assets/favicon.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const res = await fetch(server.url + path, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      await res.arrayBuffer();
    }
    expect(await (await fetch(`${server.url}/`)).text()).toBe(readFileSync(join(DIST_DIR, 'index.html'), 'utf8'));
  });

  it('answers every malformed request line with 400 or 404 and keeps running', async () => {
    // `//` is the root (the landing page); every other target here is no file of the site.
    expect(await rawRequest(server.port, 'GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toBe(
      'HTTP/1.1 200 OK',
    );
    const targets = [
      '///etc/passwd',
      'http://[/',
      'http://%zz/',
      'http://a b/',
      '*',
      'index.html',
      '/%E0%A4%A',
      '/%00',
    ];
    for (const target of targets) {
      const status = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(status, target).toMatch(/^HTTP\/1\.1 (400|404) /);
    }
    expect(await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${server.url}/llms.txt`)).status).toBe(200);
  });

  it('answers 404 for missing files and for paths that leave the root, 405 for other methods', async () => {
    expect((await fetch(`${server.url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${server.url}/llms.txt`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('turns an error inside a request into a 500, logs it, and keeps serving', async () => {
    // A server whose root is not a string fails inside the request handler, on every request.
    const broken = await startStaticServer({ root: 42 as unknown as string, log: (line) => logged.push(line) });
    try {
      const first = await fetch(`${broken.url}/index.html`);
      expect(first.status).toBe(500);
      expect((await fetch(`${broken.url}/index.html`)).status).toBe(500);
      expect(logged.some((l) => l.includes('failed'))).toBe(true);
    } finally {
      await broken.close();
    }
  });

  it('sends the precompressed copy the client accepts, with Vary, ETag and cache headers', async () => {
    const original = readFileSync(join(DIST_DIR, 'index.html'));
    const br = await fetch(`${server.url}/index.html`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toContain('must-revalidate');
    // fetch decodes the body itself; the raw bytes on the wire are checked below.
    expect(Buffer.from(await br.arrayBuffer()).equals(original)).toBe(true);
    const wire = (encoding: string) =>
      new Promise<Buffer>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () =>
          socket.write(
            `GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`,
          ),
        );
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('close', () => {
          const all = Buffer.concat(chunks);
          resolve(all.subarray(all.indexOf('\r\n\r\n') + 4));
        });
      });
    expect(brotliDecompressSync(await wire('br')).equals(original)).toBe(true);
    expect(gunzipSync(await wire('gzip')).equals(original)).toBe(true);
    expect((await wire('identity')).equals(original)).toBe(true);
    expect((await wire('br;q=0, gzip')).subarray(0, 2).toString('hex')).toBe('1f8b');
    const etag = br.headers.get('etag')!;
    expect((await fetch(`${server.url}/index.html`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const asset = await fetch(`${server.url}/assets/favicon.svg`);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=\d{4,}/);
  });

  it('serves every error page at its problem type path /errors/<code>, and at the old .html path', async () => {
    for (const entry of model().errors) {
      const html = readFileSync(join(DIST_DIR, `${entry.slug}.html`), 'utf8');
      for (const path of [`/${entry.slug}`, `/${entry.slug}.html`]) {
        const res = await fetch(server.url + path);
        expect(res.status, path).toBe(200);
        expect(await res.text(), path).toBe(html);
      }
    }
    const index = await fetch(`${server.url}/errors`, { redirect: 'manual' });
    expect(index.status).toBe(301);
    expect(index.headers.get('location')).toBe('/errors/');
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
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
      // A second server on the same port is refused in one line.
      const busy = await cli(['serve', '--port', String(port)]);
      expect(busy.code).toBe(1);
      expect(busy.stderr.trim()).toBe(`docs: --port ${port}: 127.0.0.1:${port} is already in use; pick another port`);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([
    [['serve', '--port', 'abc'], '--port "abc" is not valid: expected a port number from 0 to 65535'],
    [['serve', '--port', '70000'], '--port "70000" is not valid'],
    [['serve', '--port', '-1'], '--port needs a value'],
    [['serve', '--port'], '--port needs a value'],
    [['serve', '--host', 'not a host'], '--host "not a host" is not valid: expected an IP address or a host name'],
    [['serve', '--nope'], 'unknown option "--nope" for serve: expected --port, --host'],
    [['build', '--port', '1'], 'unknown option "--port" for build: expected --base-url, --changelog'],
    [['build', '--base-url', 'notaurl'], '--base-url "notaurl" is not valid: expected the public http(s) URL'],
    [['build', '--base-url', 'ftp://x.example'], '--base-url "ftp://x.example" is not valid'],
    [['build', '--changelog', '/nonexistent/report.json'], '/nonexistent/report.json: cannot be read (ENOENT)'],
    [['deploy'], 'unknown command "deploy": expected build, serve or dev'],
    [['--port', '1'], 'expected a command first'],
    [['build', 'extra'], 'build takes no arguments, got "extra"'],
  ])('%j: one line naming the flag, the value and what is expected; exit 2', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(lines[0]!.startsWith('docs: ')).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at |Usage|Options:/);
  });

  it('rejects a changelog report with a bad field, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'billing-docs-cli-'));
    try {
      const file = join(dir, 'report.json');
      writeFileSync(
        file,
        JSON.stringify([
          { version: '2.1.0', findings: [{ ruleId: 'x', severity: 'huge', operation: 'a', message: 'b' }] },
        ]),
      );
      const { code, stderr } = await cli(['build', '--changelog', file]);
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(
        `docs: ${file}: [0].findings[0].severity: expected one of breaking, warning, info, got "huge"`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
      for (let i = 0; i < 300 && !after.includes('List every invoice'); i++) {
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
  }, 180_000);
});

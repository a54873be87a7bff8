// The CLI's flags as a user mistypes them: each bad value is refused before anything starts, in one
// line that names the flag, the value and what is expected (exit 2): no stack trace, no help dump.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'billing-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('billing-sandbox flags', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--public-url', 'notaurl'], /^--public-url "notaurl": expected an absolute http\(s\) URL/],
    [['--public-url', 'ftp://x.example'], /^--public-url "ftp:\/\/x\.example": expected an absolute http\(s\) URL/],
    [['--docs-url', 'docs'], /^--docs-url "docs": expected an absolute http\(s\) URL/],
    [['--cors-origin', 'junk'], /^--cors-origin "junk": expected an origin such as http:\/\/localhost:5173/],
    [['--cors-origin', 'http://a.example/path'], /^--cors-origin "http:\/\/a\.example\/path": expected an origin/],
    [['--port', '70000'], /^--port "70000": expected an integer from 0 to 65535/],
    [['--port', 'abc'], /^--port "abc": expected an integer from 0 to 65535/],
    [['--port=-1'], /^--port "-1": expected an integer from 0 to 65535/],
    [['--port', '-1'], /^--port: a value that starts with "-" is written --port=<value>$/],
    [['--seed', '1.5'], /^--seed "1\.5": expected an integer from 0 to/],
    [['--payment-delay-ms', 'soon'], /^--payment-delay-ms "soon": expected an integer from 0 to/],
    [['--link-ttl-days', '0'], /^--link-ttl-days "0": expected an integer from 1 to 3650/],
    [['--rate-limit', 'lots'], /^--rate-limit "lots": expected a limit per window such as 100\/60s/],
    [['--host', 'not a host'], /^--host "not a host": expected an IP address or a host name/],
    [['--data', dir], /^--data ".*": expected a file, but .* is a folder/],
    [
      ['--data', join(dir, 'no', 'such', 'x.db')],
      /^--data ".*x\.db": expected a file in an existing folder, but .*such does not exist/,
    ],
    [['--database', 'notaurl'], /^--database "notaurl": expected a PostgreSQL URL such as postgres:\/\/user@/],
    [['--database', 'mysql://u:secret@db/x'], /^--database "mysql:\/\/u:…@db\/x": expected a PostgreSQL URL/],
    [['--data', join(dir, 'x.db'), '--database', 'postgres://u@db/x'], /^--data and --database: give one/],
    [['--allowed-host', 'http://x'], /^--allowed-host "http:\/\/x": expected a Host header value/],
    [['--control-token', 'short'], /^--control-token "…": expected at least 12 characters/],
    [['--admin-token', 'short'], /^--admin-token "…": expected at least 12 characters/],
    [['--bogus'], /^unknown option '--bogus' \(see --help\)$/],
    [['--port'], /^Option '--port <value>' argument missing \(see --help\)$/],
  ];
  it.each(cases)('%j is refused in one line', (args, says) => {
    const { code, stderr, stdout } = run(...args);
    expect(code, stderr).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^billing-sandbox: /);
    expect(lines[0]!.replace(/^billing-sandbox: /, '')).toMatch(says);
    expect(stderr).not.toMatch(/\n\s+at |Options:/);
    expect(stdout).toBe('');
  });

  it('names the port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = run('--port', String(port), '--quiet');
      expect(code, stderr).toBe(2);
      expect(stderr).toBe(`billing-sandbox: --port ${port}: the port is in use (try --port 0)\n`);
    } finally {
      blocker.close();
    }
  });
});

/**
 * `pnpm dev` as a developer uses it, in a throwaway copy of the workspace: one edit to the spec and
 * the generated types, the client build and the served docs change, and the page open in Chromium
 * reloads by itself. A busy port is one line and the session goes on.
 */

import { readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Background, run, start } from '@billing-api/release-rehearsal/run';
import {
  commitAll,
  copyWorkspace,
  findWorkspaceRoot,
  type WorkspaceCopy,
} from '@billing-api/release-rehearsal/workspace';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const EDITED = 'List account activity, as edited by the dev loop test';
/** How long a rebuild may take (as long as one of its steps may run: rebuild.ts), and the page's reload after it. */
const REBUILD_MS = 600_000;
const RELOAD_MS = 60_000;

let copy: WorkspaceCopy;
let dev: Background;
let url: string;
let env: NodeJS.ProcessEnv;

/** The turbo cache of the tree the tests run from (a git worktree shares its main checkout's). */
async function turboCacheDir(): Promise<string> {
  const common = (
    await run('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root })
  ).stdout.trim();
  return join(common, '..', '.turbo', 'cache');
}

beforeAll(async () => {
  copy = await copyWorkspace(root, 'billing-dev-');
  await commitAll(copy.root, 'dev loop test');
  env = {
    ...process.env,
    TURBO_CACHE_DIR: await turboCacheDir(),
    TURBO_TELEMETRY_DISABLED: '1',
    BILLING_DOCS_PORT: '0',
  };
  const started = await start('pnpm', ['dev'], {
    cwd: copy.root,
    env,
    timeoutMs: 600_000,
    ready:
      /dev: docs at (http:\/\/127\.0\.0\.1:\d+\/)[\s\S]*dev: start: (spec, types, client and docs rebuilt|.* failed)/,
  });
  dev = started.process;
  url = started.match[1] as string;
  expect(started.match[2], dev.output()).toBe('spec, types, client and docs rebuilt');
}, 900_000);

afterAll(async () => {
  await dev?.stop();
  await copy?.remove();
});

test('one spec edit regenerates the types, rebuilds the client and the docs, and reloads the open page', {
  timeout: 900_000,
}, async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    expect(await page.content()).not.toContain(EDITED);
    const clientDts = join(copy.root, 'packages', 'client', 'dist', 'index.d.ts');
    const clientBefore = (await stat(clientDts)).mtimeMs;

    const file = join(copy.root, 'spec', 'paths', 'v2', 'activity.yaml');
    const source = await readFile(file, 'utf8');
    expect(source).toContain('summary: List account activity\n');
    const before = dev.output().length;
    // A slow machine may take minutes to rebuild: the wait for the reload starts once dev says the
    // rebuild is done, and a rebuild that never ends is reported with dev's output.
    let reloads = 0;
    page.on('load', () => reloads++);
    await writeFile(file, source.replace('summary: List account activity\n', `summary: ${EDITED}\n`));
    await expect
      .poll(() => dev.output().slice(before), { timeout: REBUILD_MS, interval: 500 })
      .toMatch(/activity\.yaml changed: (spec, types, client and docs rebuilt|.* failed)/);
    expect(dev.output().slice(before)).toMatch(
      /dev: spec[/\\]paths[/\\]v2[/\\]activity\.yaml changed: spec, types, client and docs rebuilt/,
    );
    await expect.poll(() => reloads, { timeout: RELOAD_MS, interval: 100 }).toBeGreaterThan(0);

    expect(await page.content()).toContain(EDITED);
    expect(await readFile(join(copy.root, 'packages', 'types', 'generated', 'openapi.ts'), 'utf8')).toContain(EDITED);
    expect(await readFile(join(copy.root, 'packages', 'types', 'dist', 'index.d.ts'), 'utf8')).toContain(EDITED);
    expect((await stat(clientDts)).mtimeMs).toBeGreaterThan(clientBefore);
    expect(await (await fetch(`${url}llms.txt`)).text()).toContain(EDITED);
  } finally {
    await browser.close();
  }
});

test('a broken spec edit is reported as file:line and the last good docs stay served', {
  timeout: 2 * REBUILD_MS + 60_000,
}, async () => {
  const file = join(copy.root, 'spec', 'paths', 'v2', 'activity.yaml');
  const good = await readFile(file, 'utf8');
  const before = dev.output().length;
  await writeFile(file, good.replace(/summary: .*\n/, 'summary: [unclosed\n'));
  await expect
    .poll(() => dev.output().slice(before), { timeout: REBUILD_MS, interval: 500 })
    .toMatch(/failed; the last good docs stay served/);
  expect(dev.output().slice(before)).toMatch(/activity\.yaml:\d+/);
  expect(dev.output().slice(before)).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect((await fetch(`${url}llms.txt`)).status).toBe(200);
  const fixed = dev.output().length;
  await writeFile(file, good);
  await expect.poll(() => dev.output().slice(fixed), { timeout: REBUILD_MS, interval: 500 }).toMatch(/docs rebuilt/);
});

test('a busy port is one line, and dev serves on a free port instead', { timeout: 900_000 }, async () => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    const second = await start('pnpm', ['dev', '--port', String(port)], {
      cwd: copy.root,
      env,
      timeoutMs: 600_000,
      ready: /dev: docs at (http:\/\/127\.0\.0\.1:\d+\/)/,
    });
    try {
      const lines = second.process
        .output()
        .split('\n')
        .filter((l) => l.startsWith('dev:') && l.includes(String(port)));
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^dev: port ${port} on 127\\.0\\.0\\.1 is in use; serving on \\d+ instead \\(choose with --port N or BILLING_DOCS_PORT=N\\)$`,
          ),
        ),
      ]);
      expect(second.match[1]).not.toContain(`:${port}/`);
      expect((await fetch(second.match[1] as string)).status).toBe(200);
    } finally {
      await second.process.stop();
    }
  } finally {
    busy.close();
  }
});

/** `pid ppid cwd command` of every process there is (a vanished one is left out). */
async function processTable(): Promise<{ pid: number; ppid: number; cwd: string; command: string }[]> {
  const table = [];
  for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      table.push({
        pid: Number(name),
        ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
        cwd: await readlink(`/proc/${name}/cwd`),
        command: (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim(),
      });
    } catch {
      // gone while we looked
    }
  }
  return table;
}

/** Processes working in the copy that the long-running dev session did not start (its rebuilds may run). */
async function strayProcessesInCopy(): Promise<string[]> {
  const table = await processTable();
  const parent = new Map(table.map((p) => [p.pid, p.ppid]));
  const fromDevSession = (pid: number): boolean => {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parent.get(at))
      if (at === dev.child.pid) return true;
    return false;
  };
  return table
    .filter((p) => (p.cwd === copy.root || p.cwd.startsWith(`${copy.root}/`)) && !fromDevSession(p.pid))
    .map((p) => `${p.pid} ${p.command}`);
}

test('stopping dev during a build stops the build too: nothing goes on writing after dev exits', {
  timeout: 900_000,
}, async () => {
  expect(await strayProcessesInCopy()).toEqual([]);
  const second = await start('pnpm', ['dev'], {
    cwd: copy.root,
    env,
    timeoutMs: 600_000,
    ready: /dev: docs at (http:\/\/127\.0\.0\.1:\d+\/)/,
  });
  // The first build is under way once turbo (or the docs build after it) runs in the copy.
  await expect
    .poll(async () => (await strayProcessesInCopy()).some((p) => /turbo|docs/.test(p)), {
      timeout: 120_000,
      interval: 100,
    })
    .toBe(true);
  await second.process.stop();
  expect(await strayProcessesInCopy()).toEqual([]);
});

test('a bad --port is one line naming the flag and the value, exit 2', async () => {
  const result = await run('pnpm', ['--silent', 'dev', '--port', 'http'], { cwd: copy.root, env, allowFailure: true });
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe('dev: --port must be a port number 0-65535, got "http"');
});

/**
 * The root README is the map of the repository and its command list is a promise: every package
 * has a line and a link to its README, every root script has a line, every `pnpm <script>` runs
 * our script (not one of pnpm's own commands), and each listed command is run here, in a copy of
 * the workspace, the way the README says, and does what its line says.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, start } from '@billing-api/release-rehearsal/run';
import {
  commitAll,
  copyWorkspace,
  findWorkspaceRoot,
  listWorkspacePackages,
  readJson,
  type WorkspaceCopy,
} from '@billing-api/release-rehearsal/workspace';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const scripts = readJson<{ name: string; scripts: Record<string, string> }>(join(root, 'package.json'));

/** The rows of the Markdown table under `## <heading>`, as arrays of cells. */
function tableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`README.md has no "## ${heading}" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

/** The commands of the quick-start block, comments removed. */
function quickStart(markdown: string): string[] {
  const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** `pnpm build` -> build, `npm run bootstrap` -> bootstrap, `pnpm run x` -> x. */
const scriptOf = (command: string) => /^(?:pnpm|npm) (?:run )?([\w:-]+)$/.exec(command)?.[1];

let readme: string;
beforeAll(async () => {
  readme = await readFile(join(root, 'README.md'), 'utf8');
});

describe('the README map', () => {
  test('has one line per workspace package, linking to the README in its folder', async () => {
    const packages = await listWorkspacePackages(root);
    const rows = tableRows(readme, 'Packages').map(([pkg = '', folder = '']) => {
      const link = /^\[`([^`]+)`\]\(([^)]+)\)$/.exec(pkg);
      return { name: link?.[1], link: link?.[2], folder: folder.replace(/`/g, '') };
    });
    expect(rows.map((r) => r.name).sort(), 'README "## Packages" rows vs. the workspace').toEqual(
      packages.map((p) => p.name).sort(),
    );
    for (const pkg of packages) {
      const row = rows.find((r) => r.name === pkg.name)!;
      const folder = relative(root, pkg.dir);
      expect(row.link, pkg.name).toBe(`${folder}/README.md`);
      expect(row.folder, pkg.name).toBe(`${folder}/`);
      expect(existsSync(join(pkg.dir, 'README.md')), `${folder}/README.md`).toBe(true);
    }
  });

  test('has one line per root script, and lists nothing that is not one', () => {
    const listed = tableRows(readme, 'Commands').map(([cell = '']) => /^`([^`]+)`$/.exec(cell)?.[1] ?? cell);
    expect(listed.map((c) => scriptOf(c) ?? `unparsable: ${c}`).sort()).toEqual(Object.keys(scripts.scripts).sort());
  });

  test('the quick start is two commands of the table, and .ci/run runs exactly that block', async () => {
    const commands = quickStart(readme);
    expect(commands).toHaveLength(2);
    const listed = tableRows(readme, 'Commands').map(([cell = '']) => cell.replace(/`/g, ''));
    for (const command of commands) expect(listed).toContain(command);
    const ci = await readFile(join(root, '.ci', 'run'), 'utf8');
    const extracted = await run('bash', ['-c', /^mapfile -t commands < <\((.*)\)$/m.exec(ci)?.[1] ?? 'false'], {
      cwd: root,
    });
    expect(extracted.stdout.trim().split('\n')).toEqual(commands);
  });

  test('links to files that exist', () => {
    for (const [, target = ''] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (/^https?:/.test(target)) continue;
      expect(existsSync(join(root, target)), target).toBe(true);
    }
  });
});

let copy: WorkspaceCopy;
let env: NodeJS.ProcessEnv;

describe('every root script', () => {
  test('is what `pnpm <name>` runs, not a pnpm or npm command of the same name', async () => {
    const probe = await copyWorkspace(root, 'billing-scripts-');
    try {
      const manifest = readJson<{ scripts: Record<string, string> }>(join(probe.root, 'package.json'));
      for (const name of Object.keys(manifest.scripts)) manifest.scripts[name] = `echo OURS:${name}`;
      await writeFile(join(probe.root, 'package.json'), JSON.stringify(manifest, null, 2));
      for (const name of Object.keys(manifest.scripts)) {
        const command = readme.includes(`\`npm run ${name}\``) ? ['npm', 'run', name] : ['pnpm', name];
        const result = await run(command[0]!, command.slice(1), {
          cwd: probe.root,
          allowFailure: true,
          timeoutMs: 60_000,
        });
        expect(`${result.stdout}${result.stderr}`, `\`${command.join(' ')}\``).toContain(`OURS:${name}`);
      }
    } finally {
      await probe.remove();
    }
  });
});

/** How each README command is run here and what shows that it did its job. */
type Probe =
  | { args: string[]; expect: (output: string, copy: WorkspaceCopy) => Promise<void> | void; timeoutMs?: number }
  | { server: string[]; ready: RegExp; get: (match: RegExpMatchArray) => string; body: RegExp }
  | { elsewhere: string; runs: string };

const PROBES: Record<string, Probe> = {
  'npm run bootstrap': {
    args: ['npm', 'run', 'bootstrap', '--', '--check'],
    expect: (out) => expect(out).toMatch(/bootstrap: Node v[\d.]+, pnpm [\d.]+ and .* are ready/),
  },
  'pnpm test': {
    args: ['pnpm', 'test', '--dry=json'],
    expect: async (out) => {
      const plan = JSON.parse(out.slice(out.indexOf('{'))) as { tasks: { taskId: string }[] };
      const ids = new Set(plan.tasks.map((t) => t.taskId));
      for (const pkg of await listWorkspacePackages(root)) {
        const own = readJson<{ scripts?: Record<string, string> }>(join(pkg.dir, 'package.json')).scripts ?? {};
        for (const task of ['lint', 'typecheck', 'test'].filter((t) => own[t]))
          expect(ids, `${pkg.name}#${task}`).toContain(`${pkg.name}#${task}`);
      }
    },
  },
  'pnpm build': {
    args: ['pnpm', 'build'],
    expect: (out) => expect(out).toMatch(/Tasks:\s+(\d+) successful, \1 total/),
  },
  'pnpm lint': { args: ['pnpm', 'lint'], expect: (out) => expect(out).toMatch(/Checked \d+ files/) },
  'pnpm typecheck': {
    args: ['pnpm', 'typecheck'],
    expect: (out) => expect(out).toMatch(/Tasks:\s+(\d+) successful, \1 total/),
  },
  'pnpm format': {
    args: ['pnpm', 'format'],
    expect: async (out, c) => {
      expect(out).toMatch(/Checked \d+ files/);
      expect((await run('git', ['status', '--porcelain'], { cwd: c.root })).stdout, 'pnpm format changed files').toBe(
        '',
      );
    },
  },
  'pnpm dev': { elsewhere: 'scripts/dev/test/dev.test.ts', runs: "start('pnpm', ['dev']" },
  'pnpm sandbox': {
    server: ['pnpm', 'sandbox', '--port', '0'],
    ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    get: (m) => `${m[1]}/sandbox/health`,
    body: /ok/i,
  },
  'pnpm docs:serve': {
    server: ['pnpm', 'docs:serve', '--port', '0'],
    ready: /at (http:\/\/127\.0\.0\.1:\d+)\//,
    get: (m) => `${m[1]}/`,
    body: /<html/i,
  },
  'pnpm check:breaking': {
    args: ['pnpm', 'check:breaking', '--base', 'HEAD'],
    expect: (out) => expect(out).toMatch(/^0 breaking, \d+ warnings/m),
  },
  'pnpm check:consumers': { args: ['pnpm', 'check:consumers', '--base', 'HEAD'], expect: () => {}, timeoutMs: 600_000 },
  'pnpm changeset': {
    args: ['pnpm', 'changeset', '--empty'],
    expect: (_out, c) => {
      const before = new Set(readdirSync(join(root, '.changeset')));
      const added = readdirSync(join(c.root, '.changeset')).filter((f) => f.endsWith('.md') && !before.has(f));
      expect(added).toHaveLength(1);
    },
  },
  'pnpm release:version': {
    elsewhere: 'packages/release-rehearsal/src/release.ts',
    runs: "['run', 'release:version']",
  },
  'pnpm release:publish': {
    elsewhere: 'packages/release-rehearsal/src/release.ts',
    runs: "['run', 'release:publish']",
  },
  'pnpm bench': { elsewhere: 'not run by the suite: it measures for minutes', runs: '' },
};

describe('every README command, run in a copy of the workspace', () => {
  beforeAll(async () => {
    copy = await copyWorkspace(root, 'billing-readme-');
    await commitAll(copy.root, 'README commands test');
    const common = (await run('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root }))
      .stdout;
    env = {
      ...process.env,
      TURBO_CACHE_DIR: join(dirname(common.trim()), '.turbo', 'cache'),
      TURBO_TELEMETRY_DISABLED: '1',
    };
  }, 300_000);
  afterAll(async () => {
    await copy?.remove();
  });

  const commands = () => tableRows(readme, 'Commands').map(([cell = '']) => cell.replace(/`/g, ''));
  test('each has a probe here', () => {
    expect(commands().filter((c) => !PROBES[c])).toEqual([]);
  });

  for (const [command, probe] of Object.entries(PROBES)) {
    test(command, { timeout: 900_000 }, async () => {
      expect(commands(), 'the README lists it').toContain(command);
      if ('elsewhere' in probe) {
        if (!probe.runs) return;
        expect(await readFile(join(root, probe.elsewhere), 'utf8')).toContain(probe.runs);
        return;
      }
      if ('server' in probe) {
        const { process: server, match } = await start(probe.server[0]!, probe.server.slice(1), {
          cwd: copy.root,
          env,
          ready: probe.ready,
          timeoutMs: 600_000,
        });
        try {
          const response = await fetch(probe.get(match));
          expect(response.status).toBe(200);
          expect(await response.text()).toMatch(probe.body);
        } finally {
          await server.stop();
        }
        return;
      }
      const result = await run(probe.args[0]!, probe.args.slice(1), {
        cwd: copy.root,
        env,
        timeoutMs: probe.timeoutMs ?? 600_000,
        allowFailure: true,
      });
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.code, `${probe.args.join(' ')}\n${output.slice(-3000)}`).toBe(0);
      await probe.expect(output, copy);
    });
  }
});

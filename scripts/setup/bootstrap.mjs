#!/usr/bin/env node
/**
 * The quick start's first command (`npm run bootstrap`, or `pnpm run bootstrap` once pnpm is
 * there). It runs before anything is installed, so it is plain Node with no dependencies:
 *  1. Node satisfies `engines.node`;
 *  2. pnpm at the version of `packageManager` is on PATH (installed globally with npm if not), so
 *     every later README command works in the same shell;
 *  3. the system packages the tests need are there (checked, never installed: that needs root
 *     and the machine's package manager), reported in one line with the command that adds them;
 *  4. install from the lockfile and build every package.
 * `--check` stops after 3 (used by the tests and by anyone who wants to know what is missing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function versionOf(command) {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

// 1. Node
const wantedNode = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines.node);
const [major, minor, patch] = process.versions.node.split('.').map(Number);
if (wantedNode) {
  const [, wMajor, wMinor, wPatch] = wantedNode.map(Number);
  const newer = major !== wMajor ? major > wMajor : minor !== wMinor ? minor > wMinor : patch >= wPatch;
  if (!newer)
    fail(`Node ${manifest.engines.node} is needed, this is ${process.version}: install a newer Node and run it again`);
}

// 2. pnpm
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, '');
if (versionOf('pnpm') !== pnpmVersion) {
  if (checkOnly)
    fail(`pnpm ${pnpmVersion} is not on PATH (found ${versionOf('pnpm') ?? 'none'}); run \`npm run bootstrap\``);
  console.log(`bootstrap: installing pnpm ${pnpmVersion} globally with npm`);
  const npm = spawnSync('npm', ['install', '--global', `pnpm@${pnpmVersion}`], { stdio: 'inherit' });
  if (npm.status !== 0)
    fail(
      `\`npm install --global pnpm@${pnpmVersion}\` failed (see above); if npm's global folder needs root, set a user prefix (npm config set prefix ~/.local) and run it again`,
    );
  if (versionOf('pnpm') !== pnpmVersion) {
    const prefix = execFileSync('npm', ['prefix', '--global'], { encoding: 'utf8' }).trim();
    fail(
      `pnpm ${pnpmVersion} went to ${join(prefix, 'bin')}, which is not on PATH: add it (export PATH="${join(prefix, 'bin')}:$PATH") and run it again`,
    );
  }
}

// 3. System packages: what needs each, so the message says why.
const postgresBinaries = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'postgres')));
const system = [
  {
    pkg: 'chromium',
    why: 'the docs browser tests',
    present: () => existsSync('/usr/bin/chromium') || onPath('chromium'),
  },
  { pkg: 'curl', why: "the docs' cURL samples", present: () => onPath('curl') },
  { pkg: 'postgresql', why: 'the sandbox database tests', present: () => postgresBinaries() || onPath('postgres') },
];
const missing = system.filter((s) => !s.present());
if (missing.length && process.env.BILLING_SKIP_SYSTEM_CHECK !== '1')
  fail(
    `missing system packages: ${missing.map((s) => `${s.pkg} (${s.why})`).join(', ')}; on Debian or Ubuntu: sudo apt-get install -y --no-install-recommends ${missing.map((s) => s.pkg).join(' ')} (or set BILLING_SKIP_SYSTEM_CHECK=1 to go on without them)`,
  );
if (checkOnly) {
  console.log(
    `bootstrap: Node ${process.version}, pnpm ${pnpmVersion} and ${system.map((s) => s.pkg).join(', ')} are ready`,
  );
  process.exit(0);
}

// 4. Install and build.
for (const args of [['install', '--frozen-lockfile'], ['build']]) {
  const step = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (step.status !== 0) fail(`\`pnpm ${args.join(' ')}\` failed (see above)`);
}
console.log('bootstrap: done; next: pnpm test (every command: the README)');

/**
 * Keeps the spec's `info.version` equal to the version of the @billing-api/openapi package, so the
 * document users download says which release it is. Runs after `changeset version` (root `version`
 * script) and, with `--check`, in the test suite. Edits the one line in place to keep the file's
 * formatting and comments; a YAML round-trip would rewrite the hand-curated file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INFO_VERSION = /^(info:\n(?:[ ].*\n)*? {2}version: )(['"]?)([^'"\n]+)\2$/m;

export async function syncSpecVersion(
  root = repoRoot,
  { check = false } = {},
): Promise<{ from: string; to: string; changed: boolean }> {
  const specFile = path.join(root, 'spec', 'openapi.yaml');
  const pkg = JSON.parse(await readFile(path.join(root, 'spec', 'package.json'), 'utf8')) as { version: string };
  const source = await readFile(specFile, 'utf8');
  const match = INFO_VERSION.exec(source);
  if (!match) throw new Error(`${path.relative(root, specFile)}: no info.version line found`);
  const from = match[3] ?? '';
  const changed = from !== pkg.version;
  if (changed && !check) await writeFile(specFile, source.replace(INFO_VERSION, `$1${pkg.version}`));
  return { from, to: pkg.version, changed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const check = process.argv.includes('--check');
  syncSpecVersion(repoRoot, { check }).then(
    ({ from, to, changed }) => {
      if (!changed) console.log(`spec info.version is ${to}, as the @billing-api/openapi package`);
      else if (check) {
        console.error(
          `spec/openapi.yaml info.version is ${from} but @billing-api/openapi is ${to}: run pnpm release:version`,
        );
        process.exit(1);
      } else console.log(`spec info.version ${from} -> ${to}`);
    },
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}

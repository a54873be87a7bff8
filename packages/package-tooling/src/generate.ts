/**
 * `tsx scripts/generate.ts [--check]` of every package with a `generated/` folder: writes the
 * rendered files, or with `--check` only compares them and exits 1 naming the stale ones (for CI).
 * One line out, never a stack trace.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface GenerateOptions {
  /** File name inside `generatedDir` -> contents, rendered from the spec in memory. */
  render: () => Promise<Record<string, string>>;
  generatedDir: string;
  /** Named in the messages (`run pnpm --filter <name> generate`). */
  packageName: string;
}

/** Writes (or with `check`, only compares) the files; returns the ones that differed, as `generated/<name>`. */
export async function writeOrCheck(files: Record<string, string>, generatedDir: string, check: boolean) {
  const stale: string[] = [];
  if (!check) await mkdir(generatedDir, { recursive: true });
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(generatedDir, name);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === contents) continue;
    stale.push(`${path.basename(generatedDir)}/${name}`);
    if (!check) await writeFile(file, contents);
  }
  return stale;
}

/** The CLI: exit 0 (written or fresh), 1 (`--check` found stale files), 2 (rendering failed). */
export function runGenerate(opts: GenerateOptions): void {
  const main = async (): Promise<number> => {
    const check = process.argv.includes('--check');
    const stale = await writeOrCheck(await opts.render(), opts.generatedDir, check);
    if (check && stale.length > 0) {
      console.error(
        `stale: ${stale.join(', ')} differ from the spec; run \`pnpm --filter ${opts.packageName} generate\` and commit the result`,
      );
      return 1;
    }
    console.log(stale.length === 0 ? `${opts.packageName}: generated/ is up to date` : `wrote ${stale.join(', ')}`);
    return 0;
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}

/**
 * What a published package promises, checked where npm installed it: every `exports` entry loads
 * (import, and require where the package offers it) and every `bin` is linked and runs. A file
 * left out of `files`, or a dependency left out of `dependencies`, fails here with its name.
 */
import type { Consumer } from './consumer.js';
import type { ReleasedPackage } from './release.js';

type ExportTarget = string | null | { [condition: string]: ExportTarget };

/** The subpaths a package exports, with whether a `require` condition exists for each. */
export function exportedSubpaths(manifest: Record<string, unknown>): { subpath: string; require: boolean }[] {
  const exports = manifest.exports as ExportTarget | Record<string, ExportTarget> | undefined;
  const hasRequire = (target: ExportTarget): boolean =>
    target !== null && typeof target === 'object' && ('require' in target || Object.values(target).some(hasRequire));
  if (exports === undefined) return [{ subpath: '.', require: manifest.type !== 'module' }];
  if (typeof exports === 'string' || exports === null || !Object.keys(exports).some((k) => k.startsWith('.')))
    return [{ subpath: '.', require: hasRequire(exports as ExportTarget) }];
  return Object.entries(exports as Record<string, ExportTarget>)
    .filter(([subpath]) => !subpath.includes('*'))
    .map(([subpath, target]) => ({ subpath, require: hasRequire(target) }));
}

const LOADER = `
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const require = createRequire(process.cwd() + '/package.json');
const failures = [];
// A module that throws later (a lazy require of a missing file) still counts, by name.
process.on('uncaughtException', (error) => {
  failures.push(\`uncaught: \${error.code ?? ''} \${error.message.split('\\n')[0]}\`);
  console.log(JSON.stringify(failures));
  process.exit(0);
});
for (const { specifier, require: viaRequire } of JSON.parse(process.argv[1])) {
  const json = /\\.json$/.test(specifier);
  if (/\\.[a-z]+$/.test(specifier) && !/\\.(json|[cm]?js)$/.test(specifier)) {
    // A data file (the YAML spec): it must resolve to a file that is there; nothing to run.
    try {
      if (!existsSync(fileURLToPath(import.meta.resolve(specifier)))) failures.push(\`missing \${specifier}\`);
    } catch (error) {
      failures.push(\`resolve \${specifier}: \${error.code ?? ''} \${error.message.split('\\n')[0]}\`);
    }
    continue;
  }
  try {
    await import(specifier, json ? { with: { type: 'json' } } : undefined);
  } catch (error) {
    failures.push(\`import \${specifier}: \${error.code ?? ''} \${error.message.split('\\n')[0]}\`);
  }
  if (viaRequire) {
    try {
      require(specifier);
    } catch (error) {
      failures.push(\`require \${specifier}: \${error.code ?? ''} \${error.message.split('\\n')[0]}\`);
    }
  }
}
console.log(JSON.stringify(failures));
`;

/** Loads every exported entry of every package in the consumer's folder; returns the failures. */
export async function checkExports(consumer: Consumer, packages: readonly ReleasedPackage[]): Promise<string[]> {
  const entries = packages.flatMap((pkg) =>
    exportedSubpaths(pkg.published).map(({ subpath, require }) => ({
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      require,
    })),
  );
  const { stdout } = await consumer.exec('node', ['--input-type=module', '-e', LOADER, JSON.stringify(entries)]);
  return JSON.parse(stdout) as string[];
}

/** Runs `npx --no <bin> --help` for every bin of every package; returns the failures. */
export async function checkBins(consumer: Consumer, packages: readonly ReleasedPackage[]): Promise<string[]> {
  const failures: string[] = [];
  for (const pkg of packages) {
    const bin = pkg.published.bin;
    const names =
      typeof bin === 'string'
        ? [pkg.name.replace(/^@[^/]+\//, '')]
        : Object.keys((bin ?? {}) as Record<string, string>);
    for (const name of names) {
      try {
        const { stdout, stderr } = await consumer.exec('npx', ['--no', '--', name, '--help'], 120_000);
        if (!`${stdout}${stderr}`.includes(name)) failures.push(`${pkg.name} bin ${name}: --help does not name it`);
      } catch (error) {
        failures.push(`${pkg.name} bin ${name}: ${(error as Error).message.split('\n').slice(0, 6).join(' | ')}`);
      }
    }
  }
  return failures;
}

/**
 * A TypeScript module importing the types of every exported entry (data files aside), so that
 * `tsc` checks each package's declarations as a consumer's compiler sees them: a declaration that
 * imports a package listed only in devDependencies fails here.
 */
export function everyExportModule(packages: readonly ReleasedPackage[]): string {
  const specifiers = packages.flatMap((pkg) =>
    exportedSubpaths(pkg.published)
      .map(({ subpath }) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`))
      .filter((specifier) => !/\.[a-z]+$/.test(specifier) || /\.[cm]?js$/.test(specifier)),
  );
  const lines = specifiers.map((s, i) => `import type * as entry${i} from '${s}';`);
  const uses = specifiers.map((_, i) => `typeof entry${i}`).join(', ');
  return `// Generated by the release rehearsal: every public entry point, type-checked.\n${lines.join('\n')}\nexport type Entries = [${uses}];\n`;
}

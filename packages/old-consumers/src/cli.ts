/**
 * `billing-old-consumers [--base <git ref>] [--format text|github]`: type-checks the consumer code of
 * the base ref (client tests, client README examples, docs TypeScript samples) against the working
 * tree's client and generated types, and lists every usage that no longer compiles. Run after
 * `pnpm build`. Exit 0: all old usage compiles; 1: some broke; 2: usage or input error (one line).
 */
import { defaultBaseRef, repoRootOf } from '@billing-api/breaking-changes';
import { clientUsageAtRef, docsSamplesAtRef } from './collect.js';
import { parseFlags } from './flags.js';
import { typecheckWorkspace } from './typecheck.js';
import { createConsumerWorkspace } from './workspace.js';

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  const repoRoot = repoRootOf(process.cwd());
  const base = flags.base ? { ref: flags.base, label: flags.base } : defaultBaseRef(repoRoot);
  const client = clientUsageAtRef(repoRoot, base.ref);
  const files = [...client.files, ...(await docsSamplesAtRef(repoRoot, base.ref))];
  for (const [origin, tooling] of client.skipped)
    console.log(`left out ${origin}: it imports ${tooling}, a private package, so it tests the build, not the API`);
  if (files.length === 0) {
    console.log(`No consumer code at ${base.label}: nothing to check.`);
    return 0;
  }
  const workspace = await createConsumerWorkspace(repoRoot, files);
  try {
    const broken = await typecheckWorkspace(workspace);
    for (const b of broken) {
      const text = `${b.origin}:${b.line}:${b.column}  ${b.code}  ${b.message}`;
      console.log(flags.format === 'github' ? `::error title=old consumer broke::${text}` : text);
    }
    console.log(
      `${files.length} consumer file(s) of ${base.label} checked against the working tree: ${broken.length === 0 ? 'all compile' : `${broken.length} broken usage(s)`}.`,
    );
    return broken.length === 0 ? 0 : 1;
  } finally {
    await workspace.cleanup();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: ${message.split('\n')[0]}`);
    process.exitCode = 2;
  },
);

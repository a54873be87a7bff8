/**
 * `pnpm check:consumers [--base <git ref>]`: type-checks the consumer code of the base ref (client
 * tests, client README examples, docs TypeScript samples) against the working tree's client and
 * generated types, and lists every usage that no longer compiles. Run after `pnpm build`.
 * Exit 0: all old usage compiles; 1: some broke; 2: usage or input error.
 */
import { parseArgs } from 'node:util';
import { defaultBaseRef, repoRootOf } from '../../breaking-changes/src/git.js';
import { clientUsageAtRef, docsSamplesAtRef } from './collect.js';
import { typecheckWorkspace } from './typecheck.js';
import { createConsumerWorkspace } from './workspace.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { base: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  const repoRoot = repoRootOf(process.cwd());
  const base = values.base ? { ref: values.base, label: values.base } : defaultBaseRef(repoRoot);
  const files = [...clientUsageAtRef(repoRoot, base.ref), ...(await docsSamplesAtRef(repoRoot, base.ref))];
  if (files.length === 0) {
    console.log(`No consumer code at ${base.label}: nothing to check.`);
    return 0;
  }
  const workspace = await createConsumerWorkspace(repoRoot, files);
  try {
    const broken = await typecheckWorkspace(workspace, repoRoot);
    for (const b of broken) {
      const text = `${b.origin}:${b.line}:${b.column}  ${b.code}  ${b.message}`;
      console.log(values.format === 'github' ? `::error title=old consumer broke::${text}` : text);
    }
    console.log(
      `${files.length} consumer file(s) of ${base.label} checked against the working tree: ${broken.length === 0 ? 'all compile' : `${broken.length} broken usage(s)`}.`,
    );
    return broken.length === 0 ? 0 : 1;
  } finally {
    await workspace.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

// One check of a repository: bundle the base (at a git ref) and the head (working tree), compare
// them, attach file:line locations in the split source, and decide the gate with the pending
// changesets. Separate from the CLI so it can be called without argv parsing.

import path from 'node:path';
import { compareDocuments } from './compare/document.js';
import { type Finding, InputError } from './model.js';
import { fixedWith, majorChangesets, readChangesets, SPEC_PACKAGE, TYPES_PACKAGE } from './report/changesets.js';
import type { Report } from './report/format.js';
import { decideGate } from './report/gate.js';
import { type BundledSpec, bundleAtRef, bundleWorkingTree } from './source/at-ref.js';
import { defaultBaseRef, repoRootOf } from './source/git.js';
import { SourceLocator } from './source/locate.js';

export interface CheckOptions {
  cwd: string;
  base?: string | undefined;
  spec: string;
  failOn: 'breaking' | 'warning';
  /** Package whose major changeset accepts wire-breaking changes (default `@billing-api/openapi`). */
  pkg?: string | undefined;
  /** Package whose major changeset accepts types-breaking changes (default `@billing-api/types`); `null`: types do not gate. */
  typesPkg?: string | null | undefined;
}

/**
 * Attach `location` to findings: at the anchor (the edited place) when there is one, else at the
 * pointer in the head source; things that are gone at their nearest surviving ancestor in the head,
 * else in the base source.
 */
export function locateFindings(findings: Finding[], head: SourceLocator, base: SourceLocator | undefined): void {
  for (const f of findings) {
    let loc =
      f.anchor !== undefined
        ? head.locate(f.anchor)
        : f.side === 'head'
          ? head.locate(f.pointer)
          : head.locate(f.pointer, { noArrayDescent: true });
    if (f.side === 'base' && f.anchor === undefined && (!loc || loc.depth < 2) && base)
      loc = base.locate(f.pointer) ?? loc;
    if (loc) f.location = { file: loc.file, line: loc.line };
  }
}

export async function runCheck(opts: CheckOptions): Promise<Report> {
  const repoRoot = repoRootOf(opts.cwd);
  const pkg = opts.pkg ?? SPEC_PACKAGE;
  const typesPkg = opts.typesPkg === null ? undefined : (opts.typesPkg ?? TYPES_PACKAGE);
  const specAbs = path.resolve(opts.cwd, opts.spec);
  const specRel = path.relative(repoRoot, specAbs).split(path.sep).join('/');
  if (specRel.startsWith('..')) throw new InputError(`--spec ${opts.spec} is outside the repository ${repoRoot}`);
  const { ref: baseRef, label: baseLabel } = opts.base
    ? { ref: opts.base, label: opts.base }
    : defaultBaseRef(repoRoot);
  const head = await bundleWorkingTree(repoRoot, specRel);
  let base: BundledSpec | null = null;
  try {
    base = await bundleAtRef(repoRoot, baseRef, specRel);
    if (!base) {
      return {
        findings: [],
        base: baseLabel,
        head: 'working tree',
        gate: {
          passed: true,
          message: 'Nothing to compare: no breaking changes possible.',
          wire: { blocking: 0, package: pkg, acceptedBy: [] },
        },
        note: `The base ${baseLabel} has no ${specRel}: the spec is new, nothing to compare against.`,
      };
    }
    const findings = compareDocuments(base.doc, head.doc);
    locateFindings(findings, new SourceLocator(head.rootFile, repoRoot), new SourceLocator(base.rootFile, base.root));
    const changesets = readChangesets(repoRoot);
    const gate = decideGate(findings, { failOn: opts.failOn, wirePackage: pkg, typesPackage: typesPkg }, (p) =>
      majorChangesets(changesets, fixedWith(repoRoot, p)),
    );
    return { findings, base: baseLabel, head: 'working tree', gate };
  } finally {
    base?.cleanup();
  }
}

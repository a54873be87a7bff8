// Orchestrates one check: bundle base (at a git ref) and head (working tree),
// diff them, attach file:line locations, and decide the gate with pending
// changesets. Separate from cli.ts so it can be called without argv parsing.

import path from 'node:path';
import { type BundledSpec, bundleAtRef, bundleWorkingTree } from './bundle-at-ref.js';
import { majorChangesets, readChangesets, SPEC_PACKAGE } from './changesets.js';
import { diffSpecs } from './diff.js';
import type { Gate, Report } from './format.js';
import { defaultBaseRef, repoRootOf } from './git.js';
import { SourceLocator } from './locate.js';
import { type Finding, InputError } from './types.js';

export interface CheckOptions {
  cwd: string;
  base?: string | undefined;
  spec: string;
  failOn: 'breaking' | 'warning';
  pkg?: string | undefined;
}

/** Attach `location` to findings: head-side in the head source; base-side at the nearest surviving ancestor in head, else in the base source. */
export function locateFindings(findings: Finding[], head: SourceLocator, base: SourceLocator | undefined): void {
  for (const f of findings) {
    let loc = f.side === 'head' ? head.locate(f.pointer) : head.locate(f.pointer, { noArrayDescent: true });
    if (f.side === 'base' && (!loc || loc.depth < 2) && base) loc = base.locate(f.pointer) ?? loc;
    if (loc) f.location = { file: loc.file, line: loc.line };
  }
}

export function decideGate(findings: Finding[], failOn: 'breaking' | 'warning', majors: string[], pkg: string): Gate {
  const blocking = findings.filter(
    (f) => f.severity === 'breaking' || (failOn === 'warning' && f.severity === 'warning'),
  );
  const what = failOn === 'warning' ? 'breaking change(s) or warning(s)' : 'breaking change(s)';
  if (!blocking.length)
    return {
      passed: true,
      message: `No ${failOn === 'warning' ? 'breaking changes or warnings' : 'breaking changes'}.`,
    };
  if (majors.length) {
    return {
      passed: true,
      message: `${blocking.length} ${what} accepted: ${majors.join(', ')} gives ${pkg} a major bump.`,
    };
  }
  return {
    passed: false,
    message: `${blocking.length} ${what} and no pending changeset gives ${pkg} a major bump. Restore compatibility, or run \`pnpm changeset\` and choose "major" for ${pkg}.`,
  };
}

export async function runCheck(opts: CheckOptions): Promise<Report> {
  const repoRoot = repoRootOf(opts.cwd);
  const pkg = opts.pkg ?? SPEC_PACKAGE;
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
        gate: { passed: true, message: 'Nothing to compare: no breaking changes possible.' },
        note: `The base ${baseLabel} has no ${specRel}: the spec is new, nothing to compare against.`,
      };
    }
    const findings = diffSpecs(base.doc, head.doc);
    locateFindings(findings, new SourceLocator(head.rootFile, repoRoot), new SourceLocator(base.rootFile, base.root));
    const gate = decideGate(findings, opts.failOn, majorChangesets(readChangesets(repoRoot), pkg), pkg);
    return { findings, base: baseLabel, head: 'working tree', gate };
  } finally {
    base?.cleanup();
  }
}

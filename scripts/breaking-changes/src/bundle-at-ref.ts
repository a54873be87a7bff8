// Bundles the split spec as it is in the working tree or as it was at a git
// ref, with Redocly's own bundler (so `$ref` handling matches what we publish).
// A ref is extracted with `git archive` into a temp folder: the working tree
// and the index are never touched, and the temp folder doubles as the source
// the locator reads base-side line numbers from.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BaseResolver, bundle, createConfig, isAbsoluteUrl, loadConfig, type Source } from '@redocly/openapi-core';
import { LineCounter, parseDocument } from 'yaml';
import { git, gitOk } from './git.js';
import { SourceLocator } from './locate.js';
import { InputError, isObject, type OpenAPIDoc } from './types.js';

export interface BundledSpec {
  doc: OpenAPIDoc;
  /** Absolute path of the root file that was bundled (inside `root`). */
  rootFile: string;
  /** Folder that plays the repository root: the repo itself, or the temp extraction. */
  root: string;
  /** Human prefix for messages: '' for the working tree, '<ref>:' for a ref. */
  label: string;
  cleanup(): void;
}

/** A resolver that reads local files only: remote `$ref`s are an input error. */
class LocalOnlyResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) throw new Error(`remote $ref not allowed: ${absoluteRef}`);
    return super.loadExternalRef(absoluteRef);
  }
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Where the YAML/JSON parser chokes in `file`, as a 1-based line, if it does. */
function parseErrorLine(file: string): { line: number; message: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (!err) return undefined;
  return { line: lc.linePos(err.pos[0]).line, message: err.message.split('\n')[0] ?? err.message };
}

/** Bundle one root file (no remote refs). Throws InputError naming file:line on bad YAML or broken $refs. */
export async function bundleFile(rootFile: string, opts: { root?: string; label?: string } = {}): Promise<OpenAPIDoc> {
  const root = opts.root ?? path.dirname(rootFile);
  const label = opts.label ?? '';
  const show = (f: string): string => label + rel(root, f);
  if (!existsSync(rootFile)) throw new InputError(`${show(rootFile)} not found`);
  const early = parseErrorLine(rootFile);
  if (early) throw new InputError(`${show(rootFile)}:${early.line}: invalid YAML: ${early.message}`);
  const configPath = path.join(root, 'redocly.yaml');
  const resolver = new LocalOnlyResolver();
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    const config = existsSync(configPath)
      ? await loadConfig({ configPath, externalRefResolver: resolver })
      : await createConfig({});
    result = await bundle({ ref: rootFile, config, externalRefResolver: resolver, dereference: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new InputError(`${show(rootFile)}: ${msg.split('\n')[0]}`);
  }
  let errors = result.problems.filter((p) => p.severity === 'error');
  const parseErrors = errors.filter((p) => /^Failed to parse/.test(p.message));
  if (parseErrors.length) errors = parseErrors;
  if (errors.length) {
    const lines = errors.slice(0, 5).map((p) =>
      describeProblem(p, show)
        .split(root + path.sep)
        .join(label),
    );
    throw new InputError(lines.join('; ') + (errors.length > 5 ? ` (+${errors.length - 5} more)` : ''));
  }
  const doc = result.bundle.parsed;
  if (!isObject(doc) || (typeof doc.openapi !== 'string' && typeof doc.swagger !== 'string')) {
    throw new InputError(`${show(rootFile)}: not an OpenAPI document (no "openapi" field)`);
  }
  if (typeof doc.swagger === 'string') throw new InputError(`${show(rootFile)}: Swagger 2.0 is not supported`);
  return doc;
}

interface Problem {
  message: string;
  location: Array<{ source: { absoluteRef: string }; pointer?: string | undefined }>;
}

function describeProblem(p: Problem, show: (f: string) => string): string {
  const loc = p.location[0];
  const message = p.message.replace(/ in "[^"]*" \(\d+:\d+\)/, '').split('\n')[0] ?? p.message;
  if (!loc) return message;
  const file = loc.source.absoluteRef;
  const bad = parseErrorLine(file);
  if (bad && /parse|YAML|JSON/i.test(p.message)) return `${show(file)}:${bad.line}: invalid YAML: ${bad.message}`;
  let line = 1;
  if (loc.pointer) {
    try {
      line = new SourceLocator(file, path.dirname(file), { followRefs: false }).locate(loc.pointer)?.line ?? 1;
    } catch {
      /* keep line 1 */
    }
  }
  const ref = loc.pointer ? refAt(file, loc.pointer) : undefined;
  return `${show(file)}:${line}: ${message}${ref ? ` (${ref})` : ''}`;
}

/** The `$ref` string at a pointer of a file, for error messages. */
function refAt(file: string, pointer: string): string | undefined {
  try {
    const node = new SourceLocator(file, path.dirname(file), { followRefs: false }).valueAt(pointer);
    return isObject(node) && typeof node.$ref === 'string' ? `$ref: ${node.$ref}` : undefined;
  } catch {
    return undefined;
  }
}

/** Bundle the spec in the working tree. */
export async function bundleWorkingTree(repoRoot: string, specPath: string): Promise<BundledSpec> {
  const rootFile = path.resolve(repoRoot, specPath);
  const doc = await bundleFile(rootFile, { root: repoRoot });
  return { doc, rootFile, root: repoRoot, label: '', cleanup: () => {} };
}

/**
 * Bundle the spec as it was at `ref`. Returns null when the ref has no file at
 * `specPath` (a brand-new spec has nothing to break). The caller must call
 * cleanup() to remove the temp folder.
 */
export async function bundleAtRef(repoRoot: string, ref: string, specPath: string): Promise<BundledSpec | null> {
  if (!gitOk(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) {
    throw new InputError(`unknown git ref "${ref}"`);
  }
  const specRel = rel(repoRoot, path.resolve(repoRoot, specPath));
  if (!gitOk(repoRoot, ['cat-file', '-e', `${ref}:${specRel}`])) return null;
  const specDir = path.posix.dirname(specRel);
  const tmp = mkdtempSync(path.join(tmpdir(), 'breaking-changes-'));
  const cleanup = (): void => rmSync(tmp, { recursive: true, force: true });
  try {
    const tar = git(repoRoot, ['archive', '--format=tar', ref, '--', specDir === '' ? '.' : specDir], true);
    const x = spawnSync('tar', ['-x', '-C', tmp], { input: tar, maxBuffer: 1 << 30 });
    if (x.status !== 0) throw new InputError(`could not extract ${specDir} at ${ref}: ${x.stderr.toString().trim()}`);
    const configAtRef = git(repoRoot, ['show', `${ref}:redocly.yaml`], false, true);
    if (configAtRef !== undefined) writeFileSync(path.join(tmp, 'redocly.yaml'), configAtRef);
    const rootFile = path.join(tmp, specRel);
    const label = `${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 10) : ref}:`;
    const doc = await bundleFile(rootFile, { root: tmp, label });
    return { doc, rootFile, root: tmp, label, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

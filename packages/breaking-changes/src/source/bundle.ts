// Bundles one split OpenAPI root file with Redocly's own bundler (so `$ref` handling matches what
// the spec package publishes), local files only. Bad YAML and broken `$ref`s become one-line input
// errors naming the file and line.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { BaseResolver, bundle, createConfig, isAbsoluteUrl, loadConfig, type Source } from '@redocly/openapi-core';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, isObject } from '../model.js';
import { SourceLocator } from './locate.js';

/** A resolver that reads local files only: remote `$ref`s are an input error. */
class LocalOnlyResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) throw new Error(`remote $ref not allowed: ${absoluteRef}`);
    return super.loadExternalRef(absoluteRef);
  }
}

export function rel(root: string, file: string): string {
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
export async function bundleFile(
  rootFile: string,
  opts: { root?: string; label?: string } = {},
): Promise<OpenApiDocument> {
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
  return doc as unknown as OpenApiDocument;
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

// Maps a JSON pointer into a BUNDLED document back to file:line in the SPLIT source the bundle was
// made from. Redocly's bundler keeps no source map, so we walk the pointer through the YAML ASTs
// ourselves (the `yaml` package's documents and line counter), following `$ref`s across files, and
// fall back to the deepest node that still exists (a removed property then points at its parent
// object). A pointer that ends in `$ref` stops at the reference itself: the line a retarget edits.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parsePointer } from '@billing-api/openapi-model';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../model.js';

export interface Located {
  /** File relative to the display root, POSIX slashes. */
  file: string;
  absFile: string;
  /** 1-based line. */
  line: number;
  /** Number of pointer segments that were found. */
  depth: number;
  /** true when every segment was found. */
  complete: boolean;
}

interface Parsed {
  doc: Document;
  lc: LineCounter;
}

interface Cursor {
  file: string;
  node: unknown;
  line: number;
}

const MAX_HOPS = 50;
const COMPONENT_EXT = ['.yaml', '.yml', '.json'];

export class SourceLocator {
  private readonly files = new Map<string, Parsed | null>();
  private listing: string[] | undefined;
  private readonly followRefs: boolean;

  /**
   * @param rootFile root of the split source (e.g. /repo/spec/openapi.yaml)
   * @param displayRoot folder that reported file names are relative to (e.g. /repo)
   */
  constructor(
    readonly rootFile: string,
    readonly displayRoot: string,
    opts: { followRefs?: boolean } = {},
  ) {
    this.followRefs = opts.followRefs ?? true;
  }

  /** Parsed file, cached; null when the file cannot be read. Bad YAML is an InputError naming file:line. */
  private load(file: string): Parsed | null {
    const cached = this.files.get(file);
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.files.set(file, null);
      return null;
    }
    const lc = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lc,
      keepSourceTokens: true,
      uniqueKeys: false,
      prettyErrors: false,
    });
    const err = doc.errors[0];
    if (err) {
      throw new InputError(
        `${this.display(file)}:${lc.linePos(err.pos[0]).line}: invalid YAML: ${err.message.split('\n')[0]}`,
      );
    }
    const parsed = { doc, lc };
    this.files.set(file, parsed);
    return parsed;
  }

  private display(file: string): string {
    return path.relative(this.displayRoot, file).split(path.sep).join('/');
  }

  private lineOf(file: string, node: unknown): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const parsed = this.files.get(file);
    if (!range || !parsed) return 1;
    return parsed.lc.linePos(range[0]).line;
  }

  /** If the cursor sits on a `{ $ref: ... }` map, move to the target (possibly in another file). */
  private follow(cur: Cursor): Cursor {
    for (let hop = 0; hop < MAX_HOPS && this.followRefs; hop++) {
      if (!isMap(cur.node)) return cur;
      const refPair = cur.node.items.find((p) => isScalar(p.key) && p.key.value === '$ref');
      if (!refPair || !isScalar(refPair.value) || typeof refPair.value.value !== 'string') return cur;
      const ref = refPair.value.value;
      const hash = ref.indexOf('#');
      const filePart = hash < 0 ? ref : ref.slice(0, hash);
      const frag = hash < 0 ? '' : ref.slice(hash);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filePart)) return cur; // remote: not ours
      const file = filePart ? path.resolve(path.dirname(cur.file), decodeURI(filePart)) : cur.file;
      const parsed = this.load(file);
      if (!parsed) return cur;
      const start: Cursor = { file, node: parsed.doc.contents, line: cur.line };
      const { cur: target, complete } = this.walk(start, fragmentTokens(frag), false);
      if (!complete) return cur;
      cur = { ...target, line: this.lineOf(target.file, target.node) };
    }
    return cur;
  }

  private walk(
    start: Cursor,
    segs: string[],
    noArrayDescent: boolean,
  ): { cur: Cursor; depth: number; complete: boolean } {
    let cur = start;
    let depth = 0;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      if (seg !== '$ref') cur = this.follow(cur);
      const node = cur.node;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) {
          // `#/components/<section>/<Name>` that the root does not list (or no <section> at all)
          const fallback =
            (i === 1 || i === 2) && segs[0] === 'components' && segs.length > 2
              ? this.componentFile(segs[1]!, segs[2]!)
              : undefined;
          if (!fallback) break;
          cur = fallback;
          depth += 2 - i;
          i = 2;
        } else {
          cur = { file: cur.file, node: pair.value, line: this.lineOf(cur.file, pair.key) };
        }
      } else if (isSeq(node) && !noArrayDescent && /^\d+$/.test(seg) && Number(seg) < node.items.length) {
        const item = node.items[Number(seg)];
        cur = { file: cur.file, node: item, line: this.lineOf(cur.file, item) };
      } else {
        break;
      }
      depth++;
    }
    return { cur, depth, complete: depth === segs.length };
  }

  /**
   * Bundled components that the root does not list (Redocly names them after
   * the file): find `<name>.yaml` under the spec folder, preferring a folder
   * named like the section.
   */
  private componentFile(section: string, name: string): Cursor | undefined {
    if (!this.listing) this.listing = listFiles(path.dirname(this.rootFile));
    const candidates = this.listing.filter((f) => COMPONENT_EXT.some((e) => path.basename(f) === name + e));
    const best = candidates.find((f) => f.split(path.sep).includes(section)) ?? candidates[0];
    if (!best) return undefined;
    const parsed = this.load(best);
    if (!parsed) return undefined;
    return { file: best, node: parsed.doc.contents, line: this.lineOf(best, parsed.doc.contents) };
  }

  /**
   * file:line of the node at `pointer` (a pointer into the bundle), or of the
   * deepest ancestor that exists. With noArrayDescent, stops before array
   * indexes (used for base-side pointers located in head, where indexes shift).
   */
  locate(pointer: string, opts: { noArrayDescent?: boolean } = {}): Located | undefined {
    const parsed = this.load(this.rootFile);
    if (!parsed) return undefined;
    const segs = parsePointer(pointer);
    const { cur, depth, complete } = this.walk(
      { file: this.rootFile, node: parsed.doc.contents, line: 1 },
      segs,
      opts.noArrayDescent ?? false,
    );
    return { file: this.display(cur.file), absFile: cur.file, line: cur.line, depth, complete };
  }

  /** Plain value at a pointer (refs followed only when followRefs is on). */
  valueAt(pointer: string): unknown {
    const parsed = this.load(this.rootFile);
    if (!parsed) return undefined;
    const { cur, complete } = this.walk(
      { file: this.rootFile, node: parsed.doc.contents, line: 1 },
      parsePointer(pointer),
      false,
    );
    if (!complete) return undefined;
    const n = cur.node as Node | null;
    return n && typeof (n as { toJSON?: unknown }).toJSON === 'function' ? (n as { toJSON(): unknown }).toJSON() : n;
  }
}

function listFiles(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    if (e.startsWith('.') || e === 'node_modules' || e === 'dist') continue;
    const full = path.join(dir, e);
    try {
      if (statSync(full).isDirectory()) listFiles(full, out);
      else out.push(full);
    } catch {
      /* vanished */
    }
  }
  return out;
}

/** Tokens of a `$ref` fragment (`#/a/b`, `#`, or `` for a whole file). */
function fragmentTokens(frag: string): string[] {
  return frag === '' || frag === '#' ? [] : parsePointer(frag.startsWith('#') ? frag : `#${frag}`);
}

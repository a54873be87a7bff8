// What a keyword comparison gets: the two shapes, the direction, a way to report a finding and a way
// to compare sub-schemas (an edge of the comparison graph). Keyword modules only see this.

import type { Side, TypesVerdict } from '../model.js';
import type { RuleId } from '../rules/catalogue.js';
import type { Loc, Shape } from './shape.js';

/** What a schema describes: a value the client sends (parameter or body) or one it receives. */
export type SchemaKind = 'parameter' | 'request-body' | 'response';

export interface RawFinding {
  ruleId: RuleId;
  pointer: string;
  side: Side;
  message: string;
  /** Head pointer to locate the finding at, when `pointer` is not the edited place (removed things, retargeted refs). */
  at?: string;
  /** Sharper types verdict than the rule's default. */
  types?: TypesVerdict;
}

export interface AddOptions {
  side?: Side;
  at?: string;
  types?: TypesVerdict;
}

export interface DiffCtx {
  b: Shape;
  h: Shape;
  kind: SchemaKind;
  /** true when the client sends the value. */
  req: boolean;
  /** Human label of the head schema (`Invoice.lines[]`). */
  label: string;
  baseDoc: unknown;
  headDoc: unknown;
  /** Base component pointer -> head pointer for components renamed with every ref. */
  renames: ReadonlyMap<string, string>;
  add(ruleId: RuleId, pointer: string, message: string, opts?: AddOptions): void;
  /** Compare sub-schemas (all the given locations of each side intersected). */
  sub(b: Loc[], h: Loc[]): void;
}

/** A raw finding with the optional location and types override of `opts`. */
export function applyFindingContext(f: RawFinding, opts: AddOptions): RawFinding {
  if (opts.at !== undefined) f.at = opts.at;
  if (opts.types !== undefined) f.types = opts.types;
  return f;
}

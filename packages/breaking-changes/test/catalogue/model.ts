// The shape of a catalogue case: realistic edits to a copy of the Billing API's split spec, the
// verdict an API-compatibility reviewer gives it, and the exact findings the checker must report
// (rule, wire severity, types verdict, and the file:line of the edit in the split source).

import type { Severity, TypesVerdict } from '../../src/model.js';
import type { RuleId } from '../../src/rules/catalogue.js';

export type Category =
  | 'operations'
  | 'parameters'
  | 'requests'
  | 'responses'
  | 'headers'
  | 'security'
  | 'servers'
  | 'webhooks'
  | 'composition'
  | 'components';

/** What a reviewer says happens on the wire to clients of the base version. */
export type Label = 'breaking' | 'warning' | 'safe';

export type Edit =
  /** Replace the one occurrence of `find` in `file` (relative to the spec folder). */
  | { file: string; find: string; replace: string }
  /** Replace every occurrence (at least one) of `find` in `file`. */
  | { file: string; find: string; replaceAll: string }
  /** Append text to a file (creating it when missing). */
  | { file: string; append: string }
  /** Delete a file. */
  | { file: string; remove: true };

export interface Expected {
  rule: RuleId;
  severity: Severity;
  types: TypesVerdict;
  file: string;
  /** Text on the expected line (the first line containing it, after the line containing `after`). */
  line: string;
  after?: string;
  /** The line is in the base copy (the file no longer exists in the head). */
  inBase?: boolean;
}

export interface Case {
  id: string;
  category: Category;
  /** Which half of the API the edited files belong to. */
  version: 'v1' | 'v2' | 'both';
  label: Label;
  title: string;
  /** Edits applied to both copies first: the starting point when the spec lacks the construct. */
  base?: Edit[];
  head: Edit[];
  /** Exactly the findings the checker must report (deduplicated by rule and file:line). */
  expect: Expected[];
}

export const rep = (file: string, find: string, replace: string): Edit => ({ file, find, replace });
export const app = (file: string, append: string): Edit => ({ file, append });
export const del = (file: string): Edit => ({ file, remove: true });
export const all = (file: string, find: string, replaceAll: string): Edit => ({ file, find, replaceAll });

export const x = (
  severity: Severity,
  types: TypesVerdict,
  rule: RuleId,
  file: string,
  line: string,
  more: Pick<Expected, 'after' | 'inBase'> = {},
): Expected => ({ rule, severity, types, file, line, ...more });

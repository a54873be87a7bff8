// Command-line flags of `billing-breaking-changes`. Our own small parser instead of node's
// parseArgs: every mistake must come back as one line that names the flag, the value given and what
// is expected (parseArgs's messages name the flag but not what it wanted).

import { InputError } from '../model.js';
import { FORMATS, type Format } from '../report/format.js';

export interface Flags {
  base?: string;
  spec: string;
  format: Format;
  out?: string;
  failOn: 'breaking' | 'warning';
  package?: string;
  /** `null` when `--types-package none`. */
  typesPackage?: string | null;
  help: boolean;
}

interface Spec {
  expects: string;
  check?: (value: string) => boolean;
}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

const FLAGS: Record<string, Spec> = {
  base: { expects: 'a git ref (branch, tag or commit)', check: (v) => v.trim() !== '' && !v.startsWith('-') },
  spec: { expects: 'the root file of the split spec, e.g. spec/openapi.yaml', check: (v) => v.trim() !== '' },
  format: { expects: `one of ${FORMATS.join(', ')}`, check: (v) => (FORMATS as readonly string[]).includes(v) },
  out: { expects: 'a file path to write the report to', check: (v) => v.trim() !== '' },
  'fail-on': { expects: 'breaking or warning', check: (v) => v === 'breaking' || v === 'warning' },
  package: { expects: 'an npm package name, e.g. @billing-api/openapi', check: (v) => PACKAGE_NAME.test(v) },
  'types-package': { expects: 'an npm package name, or none', check: (v) => v === 'none' || PACKAGE_NAME.test(v) },
};

export const USAGE = `usage: billing-breaking-changes [--base <git ref>] [--spec spec/openapi.yaml]
       [--format ${FORMATS.join('|')}] [--out <file>] [--fail-on breaking|warning]
       [--package <name>] [--types-package <name>|none]`;

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { spec: 'spec/openapi.yaml', format: 'text', failOn: 'breaking', help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--'))
      throw new InputError(`unexpected argument "${arg}": this command takes only --flags (see --help)`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = FLAGS[name];
    if (!spec)
      throw new InputError(
        `unknown flag --${name}; known flags: ${Object.keys(FLAGS)
          .map((f) => `--${f}`)
          .join(', ')}, --help`,
      );
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new InputError(`--${name} needs a value: ${spec.expects}`);
      value = next;
      i++;
    }
    if (seen.has(name)) throw new InputError(`--${name} given twice ("${value}"); give it once`);
    seen.add(name);
    if (spec.check && !spec.check(value))
      throw new InputError(`--${name} "${value}" is not valid: expected ${spec.expects}`);
    switch (name) {
      case 'base':
        flags.base = value;
        break;
      case 'spec':
        flags.spec = value;
        break;
      case 'format':
        flags.format = value as Format;
        break;
      case 'out':
        flags.out = value;
        break;
      case 'fail-on':
        flags.failOn = value as Flags['failOn'];
        break;
      case 'package':
        flags.package = value;
        break;
      default:
        flags.typesPackage = value === 'none' ? null : value;
    }
  }
  return flags;
}

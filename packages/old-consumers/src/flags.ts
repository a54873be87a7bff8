// Flags of `billing-old-consumers`: each mistake is one line naming the flag, the value and what is expected.
import { InputError } from '@billing-api/breaking-changes';

export interface Flags {
  base?: string;
  format: 'text' | 'github';
}

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { format: 'text' };
  const expects: Record<string, string> = { base: 'a git ref (branch, tag or commit)', format: 'text or github' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--'))
      throw new InputError(`unexpected argument "${arg}": this command takes only --base and --format`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (!(name in expects)) throw new InputError(`unknown flag --${name}; known flags: --base, --format`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new InputError(`--${name} needs a value: ${expects[name]}`);
    if (name === 'format') {
      if (value !== 'text' && value !== 'github')
        throw new InputError(`--format "${value}" is not valid: expected text or github`);
      flags.format = value;
    } else {
      if (value.trim() === '' || value.startsWith('-'))
        throw new InputError(`--base "${value}" is not valid: expected ${expects.base}`);
      flags.base = value;
    }
  }
  return flags;
}

// The billing-conformance command line, read and checked before anything runs: each problem is one
// ArgumentError naming the flag, the value given and what is expected. Node's parseArgs splits the
// words (tokens, not strict) and every check is ours, so the wording is the same for every flag.
import { parseArgs } from 'node:util';

export interface CliOptions {
  baseUrl?: string;
  apiKey?: string;
  v1Key?: string;
  readKey?: string;
  out?: string;
  /** true: --sandbox, false: --no-sandbox, undefined: detect. */
  sandbox?: boolean;
  operations?: string[];
  quiet: boolean;
  help: boolean;
}

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

type Flag = { name: string; value: 'string' | 'boolean'; repeatable?: boolean; expects: string };

const FLAGS: readonly Flag[] = [
  { name: 'base-url', value: 'string', expects: 'an http(s) URL such as http://127.0.0.1:4010' },
  { name: 'api-key', value: 'string', expects: 'an API key (one word, no spaces)' },
  { name: 'v1-key', value: 'string', expects: 'an API key (one word, no spaces)' },
  { name: 'read-key', value: 'string', expects: 'an API key (one word, no spaces)' },
  { name: 'out', value: 'string', expects: 'a directory for the reports (created if missing)' },
  { name: 'operation', value: 'string', repeatable: true, expects: 'an operationId of the spec' },
  { name: 'sandbox', value: 'boolean', expects: 'no value' },
  { name: 'no-sandbox', value: 'boolean', expects: 'no value' },
  { name: 'quiet', value: 'boolean', expects: 'no value' },
  { name: 'help', value: 'boolean', expects: 'no value' },
];

const show = (value: string) => JSON.stringify(value);

/** The closest of `candidates` to `word`, if it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const saved = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = saved;
      }
    }
    return row[b.length]!;
  };
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

function checkUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.search || url.hash)
    throw new ArgumentError(`--base-url ${show(value)}: expected ${FLAGS[0]!.expects}, without a query or fragment`);
}

function checkKey(flag: string, value: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (value === '' || /[\s\x00-\x1f\x7f]/.test(value))
    throw new ArgumentError(`--${flag} ${show(value)}: expected an API key (one word, no spaces)`);
}

/**
 * Reads the arguments; `operationIds` are the spec's, to check `--operation` against. Throws an
 * ArgumentError with one line for the first problem found.
 */
export function readArguments(args: readonly string[], operationIds: readonly string[]): CliOptions {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(FLAGS.map((f) => [f.name, { type: f.value, multiple: true }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<string, string[]>();
  const known = FLAGS.map((f) => `--${f.name}`);
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      throw new ArgumentError(`unexpected argument ${show(token.value)}: expected options only (see --help)`);
    const flag = FLAGS.find((f) => f.name === token.name && token.rawName.startsWith('--'));
    if (!flag) {
      const guess = closest(token.rawName, known);
      throw new ArgumentError(
        `unknown option ${token.rawName}: expected ${guess ? `${guess} (the closest)` : `one of ${known.join(', ')}`}`,
      );
    }
    if (flag.value === 'boolean' && token.value !== undefined)
      throw new ArgumentError(`--${flag.name} ${show(token.value)}: expected no value (--${flag.name} is a switch)`);
    if (flag.value === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))))
      throw new ArgumentError(`--${flag.name} needs a value: expected ${flag.expects}`);
    const list = values.get(flag.name) ?? [];
    if (list.length > 0 && !flag.repeatable) throw new ArgumentError(`--${flag.name} is given twice: expected it once`);
    list.push(token.value ?? '');
    values.set(flag.name, list);
  }
  const one = (name: string) => values.get(name)?.[0];
  if (values.has('sandbox') && values.has('no-sandbox'))
    throw new ArgumentError('--sandbox and --no-sandbox are both given: expected one of them');
  const options: CliOptions = { quiet: values.has('quiet'), help: values.has('help') };
  if (options.help) return options;

  const baseUrl = one('base-url');
  if (baseUrl !== undefined) checkUrl(baseUrl);
  for (const flag of ['api-key', 'v1-key', 'read-key']) {
    const key = one(flag);
    if (key === undefined) continue;
    checkKey(flag, key);
    if (baseUrl === undefined)
      throw new ArgumentError(
        `--${flag} is given without --base-url: expected --base-url too (on its own sandbox the kit makes its own accounts)`,
      );
  }
  if (values.has('no-sandbox') && baseUrl === undefined)
    throw new ArgumentError(
      '--no-sandbox is given without --base-url: expected --base-url too (without it the kit checks a sandbox of its own)',
    );
  const out = one('out');
  if (out !== undefined && out.trim() === '')
    throw new ArgumentError(`--out ${show(out)}: expected ${FLAGS.find((f) => f.name === 'out')!.expects}`);
  for (const operation of values.get('operation') ?? []) {
    if (operationIds.includes(operation)) continue;
    const guess = closest(operation, operationIds);
    throw new ArgumentError(
      `--operation ${show(operation)}: expected an operationId of the spec${guess ? ` (did you mean ${guess}?)` : `, one of ${operationIds.join(', ')}`}`,
    );
  }

  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  const apiKey = one('api-key');
  if (apiKey !== undefined) options.apiKey = apiKey;
  const v1Key = one('v1-key');
  if (v1Key !== undefined) options.v1Key = v1Key;
  const readKey = one('read-key');
  if (readKey !== undefined) options.readKey = readKey;
  if (out !== undefined) options.out = out;
  if (values.has('sandbox')) options.sandbox = true;
  if (values.has('no-sandbox')) options.sandbox = false;
  const operations = values.get('operation');
  if (operations) options.operations = [...new Set(operations)];
  return options;
}

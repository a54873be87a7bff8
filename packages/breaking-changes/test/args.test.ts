// Every flag is validated with one line naming the flag, the value and what is expected.

import { describe, expect, it } from 'vitest';
import { parseFlags } from '../src/cli/args.js';
import { InputError } from '../src/model.js';

const error = (argv: string[]): string => {
  try {
    parseFlags(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('flags', () => {
  it('defaults and both spellings of a value', () => {
    expect(parseFlags([])).toEqual({ spec: 'spec/openapi.yaml', format: 'text', failOn: 'breaking', help: false });
    expect(
      parseFlags(['--base', 'main', '--format=json', '--fail-on', 'warning', '--types-package', 'none']),
    ).toMatchObject({
      base: 'main',
      format: 'json',
      failOn: 'warning',
      typesPackage: null,
    });
  });

  it.each([
    [['--format', 'xml'], '--format "xml" is not valid: expected one of text, json, markdown, github'],
    [['--fail-on', 'sometimes'], '--fail-on "sometimes" is not valid: expected breaking or warning'],
    [
      ['--package', 'Not A Name'],
      '--package "Not A Name" is not valid: expected an npm package name, e.g. @billing-api/openapi',
    ],
    [['--types-package', '@x/'], '--types-package "@x/" is not valid: expected an npm package name, or none'],
    [['--base', ''], '--base "" is not valid: expected a git ref (branch, tag or commit)'],
    [['--base'], '--base needs a value: a git ref (branch, tag or commit)'],
    [['--out', '--format', 'json'], '--out needs a value: a file path to write the report to'],
    [['--spec=spec/a.yaml', '--spec', 'b.yaml'], '--spec given twice ("b.yaml"); give it once'],
    [['main'], 'unexpected argument "main": this command takes only --flags (see --help)'],
  ])('%j', (argv, message) => {
    expect(error(argv)).toBe(message);
  });

  it('an unknown flag lists the known ones', () => {
    expect(error(['--nope'])).toMatch(
      /^unknown flag --nope; known flags: --base, --spec, --format, --out, --fail-on, --package, --types-package, --help$/,
    );
  });
});

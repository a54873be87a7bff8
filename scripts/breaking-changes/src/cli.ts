// Command line for the breaking-change gate (CI and local use):
//   tsx scripts/breaking-changes/src/cli.ts [--base <ref>] [--spec spec/openapi.yaml]
//       [--format text|json|markdown|github] [--out <file>] [--fail-on breaking|warning]
// Exit codes: 0 pass, 1 breaking changes not covered by a major changeset,
// 2 usage or input error (one line on stderr, never a stack trace).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FORMATS, type Format, formatReport, summaryLine } from './format.js';
import { runCheck } from './run.js';
import { InputError } from './types.js';

const USAGE = `usage: tsx scripts/breaking-changes/src/cli.ts [--base <git ref>] [--spec spec/openapi.yaml]
       [--format text|json|markdown|github] [--out <file>] [--fail-on breaking|warning] [--package <name>]`;

export interface IO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function main(argv: string[], io: IO): Promise<number> {
  try {
    const parsed = (() => {
      try {
        return parseArgs({
          args: argv,
          strict: true,
          allowPositionals: false,
          options: {
            base: { type: 'string' },
            spec: { type: 'string', default: 'spec/openapi.yaml' },
            format: { type: 'string', default: 'text' },
            out: { type: 'string' },
            'fail-on': { type: 'string', default: 'breaking' },
            package: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
        });
      } catch (e) {
        throw new InputError(`${(e as Error).message.split('\n')[0]} (see --help)`);
      }
    })();
    const v = parsed.values;
    if (v.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const format = v.format as Format;
    if (!FORMATS.includes(format))
      throw new InputError(`--format must be one of ${FORMATS.join(', ')} (got "${v.format}")`);
    const failOn = v['fail-on'];
    if (failOn !== 'breaking' && failOn !== 'warning')
      throw new InputError(`--fail-on must be breaking or warning (got "${failOn}")`);
    const report = await runCheck({
      cwd: io.cwd,
      base: v.base,
      spec: v.spec ?? 'spec/openapi.yaml',
      failOn,
      pkg: v.package,
    });
    const rendered = formatReport(report, format);
    if (v.out) {
      writeFileSync(path.resolve(io.cwd, v.out), rendered);
      io.stdout(
        format === 'text'
          ? rendered
          : `${summaryLine(report.findings)}; report written to ${v.out}\n${report.gate.message}\n`,
      );
    } else {
      io.stdout(rendered);
    }
    return report.gate.passed ? 0 : 1;
  } catch (e) {
    const msg =
      e instanceof InputError ? e.message : `unexpected failure: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr(`error: ${msg}\n`);
    return 2;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}

// The command: flags in, a report out, an exit code. 0 passed (or breaking changes accepted by a
// major changeset), 1 blocked, 2 usage or input error: one line `error: <what>` on stderr, never a
// stack trace and never the whole usage text.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model.js';
import { formatReport, summaryLine } from '../report/format.js';
import { runCheck } from '../run.js';
import { parseFlags, USAGE } from './args.js';

export interface IO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function main(argv: string[], io: IO): Promise<number> {
  try {
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const spec = path.resolve(io.cwd, flags.spec);
    if (!existsSync(spec) || !statSync(spec).isFile())
      throw new InputError(
        `--spec "${flags.spec}": no such file (expected the root file of the split spec, relative to ${io.cwd})`,
      );
    if (flags.out !== undefined) {
      const dir = path.dirname(path.resolve(io.cwd, flags.out));
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new InputError(
          `--out "${flags.out}": folder ${dir} does not exist (expected a file path in an existing folder)`,
        );
    }
    const report = await runCheck({
      cwd: io.cwd,
      base: flags.base,
      spec: flags.spec,
      failOn: flags.failOn,
      pkg: flags.package,
      typesPkg: flags.typesPackage,
    });
    const rendered = formatReport(report, flags.format);
    if (flags.out !== undefined) {
      writeFileSync(path.resolve(io.cwd, flags.out), rendered);
      io.stdout(
        flags.format === 'text'
          ? rendered
          : `${summaryLine(report.findings)}; report written to ${flags.out}\n${report.gate?.message ?? ''}\n`,
      );
    } else io.stdout(rendered);
    return report.gate?.passed === false ? 1 : 0;
  } catch (e) {
    const msg =
      e instanceof InputError ? e.message : `unexpected failure: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr(`error: ${msg.split('\n')[0]}\n`);
    return 2;
  }
}

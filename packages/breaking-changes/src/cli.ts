// The `billing-breaking-changes` command (bin/billing-breaking-changes.js runs this, built).
import { main } from './cli/main.js';

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code;
});

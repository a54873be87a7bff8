// The built CLI as a child process, for the tests that kill and restart it: started with the given
// arguments, ready once it prints its URL (and whatever else `ready` waits for), SIGKILLed when the
// test file ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Everything it has written to stderr so far (the start-up banner goes there). */
  stderr(): string;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `dist/cli.js` with `args`; resolves when its banner names the URL and `ready(stderr)` holds. */
export function startCli(args: string[], ready: (stderr: string) => boolean = () => true): Promise<CliProcess> {
  if (!existsSync(CLI)) throw new Error(`build the package first: ${CLI} is missing`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start:\n${err}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(err)?.[1];
      if (url && ready(err)) {
        clearTimeout(timer);
        resolve({ child, url, stderr: () => err });
      }
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${err}`)));
  });
}

/** SIGKILLs the process and resolves when it is gone. */
export const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/**
 * Runs a command the way a person types it and keeps what it printed. Asynchronous on purpose: the
 * local registry answers from this same process, so a synchronous spawn would deadlock npm.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the command (and its children) after this long; a hang guard, not a speed check. */
  timeoutMs?: number;
  /** Resolve with the result instead of throwing when the exit code is not 0. */
  allowFailure?: boolean;
  /**
   * Stops the command and its children when aborted. They run in their own process group (so a
   * timeout can kill the whole tree), which means a Ctrl-C to the caller does not reach them.
   */
  signal?: AbortSignal;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
    cwd: string,
  ) {
    super(`\`${command}\` in ${cwd} exited ${result.code}\n${tail(result.stderr || result.stdout, 40)}`);
  }
}

/** The last `lines` lines of a command's output, which is where npm and tsc say what went wrong. */
export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      killTree(child);
    }, options.timeoutMs ?? 600_000);
    let grace: NodeJS.Timeout | undefined;
    const abort = () => {
      stderr += '\n(stopped)';
      killTree(child, 'SIGTERM');
      grace = setTimeout(() => killTree(child), 5_000);
    };
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      options.signal?.removeEventListener('abort', abort);
    };
    child.on('error', (error) => {
      settle();
      reject(new Error(`\`${shown}\` could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      settle();
      const result = { code, stdout, stderr };
      if (code === 0 || options.allowFailure) resolve(result);
      else reject(new CommandError(shown, result, options.cwd));
    });
  });
}

/** A long-running command (a server): resolves once `ready` matches its output. */
export interface Background {
  child: ChildProcess;
  output(): string;
  /** Stops it (SIGTERM to its process group) and waits for it to exit. */
  stop(): Promise<void>;
}

export function start(
  command: string,
  args: readonly string[],
  options: RunOptions & { ready: RegExp },
): Promise<{ process: Background; match: RegExpMatchArray }> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let settled = false;
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const background: Background = {
      child,
      output: () => output,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) killTree(child, 'SIGTERM');
        const guard = setTimeout(() => killTree(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(guard);
        // The leader can exit before its children (turbo's tasks, a docs build still writing files):
        // the caller deletes the folder next, so wait for the whole group to be gone.
        if (!(await groupGone(child, 10_000))) {
          killTree(child, 'SIGKILL');
          await groupGone(child, 5_000);
        }
      },
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      killTree(child);
      reject(
        new Error(
          `\`${shown}\` printed nothing matching ${options.ready} in ${options.timeoutMs} ms:\n${tail(output, 30)}`,
        ),
      );
    }, options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(options.ready);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ process: background, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`\`${shown}\` could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`\`${shown}\` exited ${code} before it was ready:\n${tail(output, 30)}`));
    });
  });
}

/** Polls until no process of the child's group is left, or `ms` pass; true when the group is gone. */
async function groupGone(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.pid === undefined) return true;
  const until = Date.now() + ms;
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return true;
    }
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

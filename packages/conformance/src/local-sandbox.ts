// Starts a fresh @billing-api/sandbox on a free port of 127.0.0.1 for a run without --base-url.
// The sandbox is an optional peer dependency, loaded only here and only in that mode, so installing
// the kit does not build the sandbox's native SQLite; without it the run stops with one line that
// says what to install. Payments are held for a minute of sandbox time so "while the payment is
// processing" scenarios do not race the settlement.
import { UsageError } from './live/errors.js';

export interface LocalSandbox {
  url: string;
  close(): Promise<void>;
}

type SandboxModule = typeof import('@billing-api/sandbox');

export const SANDBOX_PACKAGE = '@billing-api/sandbox';

/** Whether an import failed because the package itself is not installed (not one of its own imports). */
function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${specifier}'`)
  );
}

export async function startLocalSandbox(
  load: () => Promise<SandboxModule> = () => import('@billing-api/sandbox'),
  specifier = SANDBOX_PACKAGE,
): Promise<LocalSandbox> {
  let sandboxModule: SandboxModule;
  try {
    sandboxModule = await load();
  } catch (error) {
    if (!isMissing(error, specifier)) throw error;
    throw new UsageError(
      `without --base-url the kit starts a local sandbox, which needs ${specifier}: install it (npm install ${specifier}) or pass --base-url`,
    );
  }
  const sandbox = await sandboxModule.startSandbox({ port: 0, host: '127.0.0.1', paymentDelayMs: 60_000, log: false });
  return { url: sandbox.url, close: () => sandbox.close() };
}

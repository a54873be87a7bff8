// Sandboxes for tests: started in-process on 127.0.0.1 port 0 and closed by the test that started them.
import { type RunningSandbox, type SandboxOptions, startSandbox } from '@billing-api/sandbox';

export async function withSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, host: '127.0.0.1', paymentDelayMs: 60_000, log: false, ...options });
}

/** A key with every scope of the sandbox's demo business account. */
export function readWriteKey(sandbox: RunningSandbox): string {
  const key = sandbox.keys.find(
    (k) => k.scopes.split(' ').includes('write:billing') && k.scopes.split(' ').includes('read:billing'),
  );
  if (!key) throw new Error('the sandbox has no read/write key');
  return key.key;
}

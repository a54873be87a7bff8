// Sandboxes for tests: started in-process on 127.0.0.1 port 0 and closed by the test that started them.
// In the vitest project `postgres` (SANDBOX_TEST_STORE=postgres) each gets an empty database of its
// own on the run's throwaway PostgreSQL cluster, so the kit is run against both of the sandbox's stores.
import { createDatabase } from '@billing-api/package-tooling/postgres-cluster';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '@billing-api/sandbox';
import { inject } from 'vitest';

export async function withSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const onPostgres = process.env.SANDBOX_TEST_STORE === 'postgres' && options.data === undefined;
  const database = onPostgres ? await createDatabase(inject('postgresUrl')) : undefined;
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    paymentDelayMs: 60_000,
    log: false,
    ...(database ? { database } : {}),
    ...options,
  });
  if (database && !sandbox.storage.startsWith('postgres://')) throw new Error(`the sandbox runs on ${sandbox.storage}`);
  return sandbox;
}

/** A key with every scope of the sandbox's demo business account. */
export function readWriteKey(sandbox: RunningSandbox): string {
  const key = sandbox.keys.find(
    (k) => k.scopes.split(' ').includes('write:billing') && k.scopes.split(' ').includes('read:billing'),
  );
  if (!key) throw new Error('the sandbox has no read/write key');
  return key.key;
}

import { defineConfig } from 'vitest/config';

// The suite runs three times: on SQLite in memory, on a SQLite file (every sandbox a test starts
// gets a file of its own: transactions of a turn share a commit and reads have a connection of their
// own only there), and on PostgreSQL (a throwaway cluster the `postgres` project starts; every
// sandbox a test starts gets a database of its own on it). Tests of SQLite files, of the SQLite
// connection and of the CLI's flags run in the first only; the multi-instance test, which needs one
// shared server, in the last only.
const sqliteOnly = ['test/restart.test.ts', 'test/cli.test.ts', 'test/sqlite-connection.test.ts'];
const postgresOnly = ['test/multi-instance.test.ts', 'test/postgres-cli.test.ts'];
/** Tests that choose their own files already. */
const onFiles = ['test/crash.test.ts', 'test/checkpoint.test.ts'];

export default defineConfig({
  test: {
    // Each file starts its own sandbox; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: postgresOnly },
      },
      {
        extends: true,
        test: {
          name: 'sqlite-file',
          include: ['test/**/*.test.ts'],
          exclude: [...postgresOnly, ...sqliteOnly, ...onFiles],
          env: { SANDBOX_TEST_STORE: 'sqlite-file' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.test.ts'],
          exclude: sqliteOnly,
          env: { SANDBOX_TEST_STORE: 'postgres' },
          globalSetup: ['test/postgres-setup.ts'],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

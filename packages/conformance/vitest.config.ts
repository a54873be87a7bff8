import { defineConfig } from 'vitest/config';

// The tests that run the kit against a live sandbox run twice: on the sandbox's default store
// (SQLite in memory) and on PostgreSQL (a throwaway cluster the `postgres` project starts; each
// sandbox gets a database of its own on it, see test/helpers/sandbox.ts).
const live = ['test/live.test.ts', 'test/faults.test.ts', 'test/arazzo.test.ts'];

export default defineConfig({
  test: {
    // Each file starts its own sandboxes on 127.0.0.1:0; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: live,
          env: { SANDBOX_TEST_STORE: 'postgres' },
          globalSetup: ['test/helpers/postgres-setup.ts'],
        },
      },
    ],
  },
});

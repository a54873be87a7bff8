import { defineConfig } from 'vitest/config';

// The rehearsal builds, publishes and compiles native addons on a shared 2-core machine; these are
// hang guards, not speed checks (no test asserts on time).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 1_500_000, hookTimeout: 1_500_000 },
});

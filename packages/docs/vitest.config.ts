// Test settings: one global build check (dist/ is rebuilt when sources are newer), generous hook
// timeouts for the sandbox, tsc and Chromium, and test files run one at a time on CI's 2 cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

// Several tests spawn the built bin, git or Redocly on a loaded 2-core machine; this is a hang
// guard, not a speed check (no test asserts on time).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } });

import { defineConfig } from 'vitest/config';

// The tests run tsc on temporary workspaces and the built bin; this is a hang guard, not a speed check.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } });

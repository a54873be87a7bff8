import { defineConfig } from 'vitest/config';

// Several tests spawn tsx, git, Redocly or tsc; on a loaded 2-core CI machine one of those can take
// well over the default 5 s. This is a hang guard, not a speed check (no test asserts on time).
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } });

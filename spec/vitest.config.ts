import { defineConfig } from 'vitest/config';

// The pipeline and CLI tests spawn tsx and Redocly; on a loaded 2-core CI machine one run can take
// several seconds, so the default 5 s per test is too tight. This is a hang guard, not a speed check.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });

// Runs the runtime tests (staleness, redocly.yaml, package checks) and the type tests (*.test-d.ts,
// checked by tsc) in one `vitest run --typecheck`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});

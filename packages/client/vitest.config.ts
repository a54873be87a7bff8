// Unit tests (stubbed fetch), integration tests (a real HTTP server on 127.0.0.1), package checks and
// the README examples, plus the type tests (*.test-d.ts, checked by tsc) in one `vitest run --typecheck`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});

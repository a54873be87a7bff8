// Build of @billing-api/sandbox with tsup, as the other packages build: ESM for Node (the library
// entry with its declarations, and the `billing-sandbox` CLI). Dependencies stay external; the
// native better-sqlite3 addon is loaded from node_modules at run time.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts', compilerOptions: { types: ['node'] } },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});

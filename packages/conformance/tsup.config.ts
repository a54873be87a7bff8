// Build of @billing-api/conformance: the library (index) and the billing-conformance bin (cli), ESM
// with bundled declarations. Dependencies stay external; @billing-api/sandbox (an optional peer) is
// only ever imported dynamically, by the mode that starts a local sandbox.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
});

// Build of @billing-api/breaking-changes: the library entry with its bundled declarations and the
// `billing-breaking-changes` bin, both ESM (node >= 20). Dependencies stay external.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});

// Build of @billing-api/types: one bundled declaration file per module format (.d.ts for import,
// .d.cts for require) so TypeScript resolves the right one under every moduleResolution, plus an
// empty runtime module in each format so bundlers and `require` resolve the package too.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2020',
});

// Build of @billing-api/client: ESM (.js) and CommonJS (.cjs, for Jest and older tooling), each with
// its own bundled declarations (.d.ts / .d.cts), for the main entry and the dependency-free `./money`
// subpath. openapi-fetch and @billing-api/types stay external (they are dependencies), the generated
// operation table is inlined.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/money.ts'],
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { types: [] } },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});

// Build of @billing-api/validation: one ESM module with its bundled declarations (the model it reads
// the spec through is ESM too). ajv, ajv-formats and @billing-api/openapi-model stay external.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
});

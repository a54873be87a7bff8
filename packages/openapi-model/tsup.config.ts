// Build of @billing-api/openapi-model: one ESM module with its bundled declarations. Every reader of
// the spec in this repository (codegen, validators, docs, sandbox, checker) is ESM.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
});

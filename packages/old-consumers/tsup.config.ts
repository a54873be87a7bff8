// Build of the old-consumers check: one ESM bin. The docs' sample generator is bundled in (the docs
// package ships TypeScript source, not JavaScript); everything else stays an external dependency.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  noExternal: ['@billing-api/docs'],
});

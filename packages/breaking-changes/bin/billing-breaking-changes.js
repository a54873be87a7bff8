#!/usr/bin/env node
// Committed shim so the bin exists at install time (pnpm links bins before anything is built);
// the command itself is the built dist/cli.js.
import '../dist/cli.js';

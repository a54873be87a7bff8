#!/usr/bin/env node
// The published bin: a committed file (dist/ does not exist until the first build), so pnpm can
// link it when the workspace is installed and npm when the package is.
import '../dist/cli.js';

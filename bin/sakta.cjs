#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm install` (postinstall → scripts/build.mjs cli) into dist/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('sakta: the CLI is not built yet; run "npm install" (or "node scripts/build.mjs cli") in the Sakta folder\n');
  process.exit(1);
}
// An empty or truncated bundle (a build interrupted, a disk that filled up) would otherwise run nothing and exit 0.
if (require(bundle).started !== true) {
  process.stderr.write(`sakta: the CLI bundle ${bundle} is incomplete; run "npm install" (or "node scripts/build.mjs cli") in the Sakta folder\n`);
  process.exit(1);
}

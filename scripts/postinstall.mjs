#!/usr/bin/env node
/**
 * `npm install` in a checkout bundles the CLI (dist/cli.cjs) from source. An installed package (`npm pack`,
 * then `npm install sakta-….tgz`, as an administrator's backup script would use it) ships dist/cli.cjs built
 * by `prepack` and has neither the sources nor esbuild, so there is nothing to build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (fs.existsSync(path.join(root, 'electron', 'cli', 'entry.ts'))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'cli'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
if (!fs.existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  process.stderr.write('sakta: this package has neither the sources nor dist/cli.cjs; it was packed without `npm pack`\n');
  process.exit(1);
}

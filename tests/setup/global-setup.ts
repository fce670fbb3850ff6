import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Test-wide setup: the fast KDF for vaults the tests create (headers record profile "test"), and a fresh
 * bundle of the CLI so CLI tests run exactly what `npx sakta` runs.
 */
export default function setup(): void {
  process.env.SAKTA_TEST_FAST_KDF = '1';
  const root = path.resolve(__dirname, '../..');
  const build = path.join(root, 'scripts/build.mjs');
  if (fs.existsSync(build)) execFileSync(process.execPath, [build, 'cli'], { cwd: root, stdio: 'inherit' });
}

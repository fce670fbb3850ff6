/**
 * The CLI's entry: bundled into dist/cli.cjs, which `bin/sakta.cjs` (`npx sakta`, a packed install) loads with
 * `require`. It runs unconditionally: an earlier `require.main === module` guard made every documented entry a
 * silent no-op that exited 0, because only `node dist/cli.cjs` made the bundle the main module.
 */
import { EXIT } from './exit-codes';
import { runCli } from './main';

/** bin/sakta.cjs checks this after loading the bundle: an empty or cut-off bundle must not pass for a run. */
export const started = true;

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('sakta: unexpected failure\n');
    process.exitCode = EXIT.error;
  },
);

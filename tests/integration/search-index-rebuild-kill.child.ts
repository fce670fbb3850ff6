/**
 * Child of search-index-rebuild-kill.test.ts: unlocks the vault as the app does, so the unlock indexes the items
 * schema 16 left waiting, and says on stdout when that indexing starts and how long it took, for the parent to
 * time its SIGKILL. argv: vaultDir; the passphrase in SAKTA_PASSPHRASE.
 */
import { performance } from 'node:perf_hooks';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';

const [vaultDir] = process.argv.slice(2) as [string];
const services = createAppServices({ vaultDir, crypto: createNativeCrypto(), allowTestKdf: true });
const search = services.search;
const indexPending = search.indexPending.bind(search);
// Only reports: the unlock's own indexing runs unchanged. (Writes to a pipe are synchronous on Linux, so the
// parent has the marker before the first batch is written.)
search.indexPending = (db) => {
  process.stdout.write('indexing\n');
  const t0 = performance.now();
  const n = indexPending(db);
  process.stdout.write(`indexed ${n} in ${Math.round(performance.now() - t0)} ms\n`);
  return n;
};
process.stdout.write('unlocking\n');
await services.vault.unlock(process.env.SAKTA_PASSPHRASE ?? '');
process.stdout.write('unlocked\n');
services.vault.lock();

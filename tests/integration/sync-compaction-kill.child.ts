/**
 * Child of sync-compaction.test.ts: opens the vault, runs one exchange that compacts this device's acknowledged
 * segments, and dies by SIGKILL at `point`: inside the compaction's write before its commit (`in-write`), after the
 * commit before the snapshot's file is in the folder (`before-file`), or after that file before the segments it
 * replaces are deleted (`before-deletes`). argv: vaultDir folder point; the passphrase in SAKTA_PASSPHRASE.
 */
import fs from 'node:fs';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';

const [vaultDir, folder, point] = process.argv.slice(2) as [string, string, 'in-write' | 'before-file' | 'before-deletes'];
const services = createAppServices({ vaultDir, crypto: createNativeCrypto(), allowTestKdf: true, syncCompaction: { ackAfter: 1, compactAfter: 1 } });
await services.vault.unlock(process.env.SAKTA_PASSPHRASE ?? '');

const die = () => {
  process.stdout.write(`${point}\n`);
  process.kill(process.pid, 'SIGKILL');
};
const snapshots = services.sharing.snapshots;
const compact = snapshots.compact.bind(snapshots);
let made = false;
snapshots.compact = (...args: Parameters<typeof compact>) => {
  const r = compact(...args);
  made ||= !!r;
  if (r && point === 'in-write') die();
  return r;
};
const rename = fs.renameSync;
fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
  if (made && point === 'before-file') die();
  return rename(from, to);
}) as typeof fs.renameSync;
const rm = fs.rmSync;
fs.rmSync = ((p: fs.PathLike, opts?: fs.RmOptions) => {
  if (made && point === 'before-deletes') die();
  return rm(p, opts);
}) as typeof fs.rmSync;

await services.sync.sync(folder);
process.stdout.write('finished without compacting\n');

/**
 * Child process of vault.bench.ts: encrypts then decrypts one file through the BlobStore and prints the
 * process's peak RSS, so the figure is this pipeline's alone. Uses the fast test KDF: Argon2's 256 MiB would
 * otherwise be the peak.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createNativeCrypto } from '../electron/crypto/native';
import { createAppServices } from '../electron/composition/app-services';

async function main() {
  const [input, vaultDir] = process.argv.slice(2) as [string, string];
  process.env.SAKTA_TEST_FAST_KDF = '1';
  const s = createAppServices({ vaultDir, crypto: createNativeCrypto(), allowTestKdf: true });
  await s.vault.create('bench passphrase');
  const baseline = process.resourceUsage().maxRSS;
  const p = await s.blobs.write(input);
  s.blobs.commit(s.vault.current().db, p);
  const afterEncrypt = process.resourceUsage().maxRSS;
  const out = fs.openSync(path.join(vaultDir, '..', 'decrypted.bin'), 'w');
  for await (const b of s.blobs.open(p.blobId).stream()) fs.writeSync(out, b);
  fs.closeSync(out);
  const afterDecrypt = process.resourceUsage().maxRSS;
  s.vault.lock();
  process.stdout.write(JSON.stringify({ baselineKiB: baseline, afterEncryptKiB: afterEncrypt, afterDecryptKiB: afterDecrypt }) + '\n');
}

void main();

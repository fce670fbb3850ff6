import path from 'node:path';

/** Files of a vault folder. Everything in it but the header is ciphertext. */
export function vaultPaths(dir: string) {
  return {
    dir,
    header: path.join(dir, 'vault.header'),
    headerNext: path.join(dir, 'vault.header.next'),
    db: path.join(dir, 'vault.db'),
    blobs: path.join(dir, 'blobs'),
    /** Ciphertext being written before its rename into place; emptied at every open. */
    tmp: path.join(dir, 'tmp'),
  };
}
export type VaultPaths = ReturnType<typeof vaultPaths>;

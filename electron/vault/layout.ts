import path from 'node:path';

/** The vault header's file name, in a vault folder and in a backup snapshot alike. */
export const HEADER_FILE = 'vault.header';
/** The encrypted database's file name, in a vault folder and in a backup snapshot alike. */
export const DB_FILE = 'vault.db';

/** Files of a vault folder. Everything in it but the header is ciphertext. */
export function vaultPaths(dir: string) {
  return {
    dir,
    header: path.join(dir, HEADER_FILE),
    headerNext: path.join(dir, `${HEADER_FILE}.next`),
    db: path.join(dir, DB_FILE),
    blobs: path.join(dir, 'blobs'),
    /** Ciphertext being written before its rename into place; emptied at every open. */
    tmp: path.join(dir, 'tmp'),
  };
}
export type VaultPaths = ReturnType<typeof vaultPaths>;

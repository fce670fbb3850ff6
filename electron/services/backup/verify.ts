import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { MANIFEST_FILE, type ManifestBody, type SnapshotCheck, type VerifyReport } from '../../../shared/schemas/backup';
import type { Crypto } from '../../crypto/types';
import { checkDbIntegrity, openEncryptedDb } from '../../db/connection';
import { b64, fromB64, passphraseBytes } from '../../base/encoding';
import { parseHeader, type HeaderBody } from '../../vault/header';
import { deriveKeys, passphraseKek, unwrapSlot, zeroKeys } from '../../vault/keys';
import { DB_FILE, HEADER_FILE } from '../../vault/layout';
import { hashFile } from './files';
import { backupPaths, listSnapshots, resolveBackupRoot, vaultIdOfRoot, type BackupPaths } from './layout';
import { openSecrets, parseManifest, snapshotIso } from './manifest';

/** Where a manifest path lives: header and database in the snapshot, blobs in the shared pool. */
export function manifestFilePath(paths: BackupPaths, snapshot: string, rel: string): string {
  return rel.startsWith('blobs/') ? path.join(paths.root, ...rel.split('/')) : path.join(paths.snapshot(snapshot), rel);
}

export interface CheckedSnapshot {
  check: SnapshotCheck;
  body: ManifestBody | null;
  header: HeaderBody | null;
}

/**
 * Checks one snapshot without any secret: the header parses, the manifest's signature verifies under the
 * header's public key (and `pinnedKey` when given), and every listed file has its size and SHA-256.
 */
export async function checkSnapshot(
  crypto: Crypto,
  paths: BackupPaths,
  name: string,
  opts: { pinnedKey?: string; vaultId?: string | null; deep?: boolean } = {},
): Promise<CheckedSnapshot> {
  const problems: string[] = [];
  const result = (body: ManifestBody | null, header: HeaderBody | null, files = 0, bytes = 0): CheckedSnapshot => ({
    check: { snapshot: name, ok: problems.length === 0, createdAt: body ? (body.version === 1 ? body.createdAt : snapshotIso(name)) : null, files, bytes, problems },
    body,
    header,
  });
  const dir = paths.snapshot(name);
  let header: HeaderBody;
  try {
    header = parseHeader(fs.readFileSync(path.join(dir, HEADER_FILE)));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(missing ? `${name}/${HEADER_FILE} is missing` : `${name}/${HEADER_FILE} is damaged or was altered`);
    return result(null, null);
  }
  if (opts.pinnedKey && header.signingPublicKey !== opts.pinnedKey) problems.push(`${name}/${HEADER_FILE} belongs to a different vault key than the other snapshots`);
  let bytesM: Buffer;
  try {
    bytesM = fs.readFileSync(path.join(dir, MANIFEST_FILE));
  } catch {
    problems.push(`${name}/${MANIFEST_FILE} is missing: the snapshot is incomplete`);
    return result(null, header);
  }
  let body: ManifestBody;
  try {
    const parsed = parseManifest(crypto, bytesM, fromB64(header.signingPublicKey), `${name}/${MANIFEST_FILE}`);
    body = parsed.body;
    if (!parsed.signatureOk) problems.push(`${name}/${MANIFEST_FILE} has an invalid signature (altered, or not made by this vault)`);
  } catch (e) {
    problems.push(e instanceof SaktaError ? e.message : `${name}/${MANIFEST_FILE} cannot be read`);
    return result(null, header);
  }
  if (body.vaultId !== header.vaultId || (opts.vaultId && body.vaultId !== opts.vaultId)) problems.push(`${name} belongs to another vault`);
  if (body.snapshot !== name) problems.push(`${name}/${MANIFEST_FILE} names another snapshot (${body.snapshot})`);
  let bytes = 0;
  for (const f of body.files) {
    const file = manifestFilePath(paths, name, f.path);
    const shown = f.path.startsWith('blobs/') ? f.path : `${name}/${f.path}`;
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      problems.push(`${shown} is missing`);
      continue;
    }
    if (st.size !== f.size) {
      problems.push(`${shown} has the wrong size (${st.size} bytes, expected ${f.size})`);
      continue;
    }
    if (opts.deep !== false) {
      const h = await hashFile(file);
      if (h.sha256 !== f.sha256) problems.push(`${shown} does not match its checksum (damaged or altered)`);
    }
    bytes += st.size;
  }
  return result(body, header, body.files.length, bytes);
}

/**
 * With the passphrase: the header's passphrase slot opens, the derived signing key is the one the
 * manifest was checked against, and the database copy opens and passes SQLite's integrity check.
 * The database is checked on a temporary copy (ciphertext only) so the backup itself is never modified.
 */
export async function openSnapshot(crypto: Crypto, paths: BackupPaths, name: string, header: HeaderBody, passphrase: string, body?: ManifestBody | null): Promise<string[]> {
  const slot = header.slots.find((s) => s.kind === 'passphrase');
  if (!slot || slot.kind !== 'passphrase') return [`${name}/${HEADER_FILE} has no passphrase slot`];
  const pw = passphraseBytes(passphrase);
  const kek = await passphraseKek(crypto, pw, slot.kdf);
  crypto.memzero(pw);
  const master = unwrapSlot(crypto, header, slot, kek);
  crypto.memzero(kek);
  if (!master) throw new SaktaError('WRONG_PASSPHRASE', `That passphrase does not open snapshot ${name}.`);
  const keys = deriveKeys(crypto, master);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-verify-'));
  try {
    if (b64(keys.signing.publicKey) !== header.signingPublicKey) return [`${name}/${HEADER_FILE} does not belong to its own key (signing key mismatch)`];
    if (body && !openSecrets(crypto, keys.backups, body)) return [`${name}/${MANIFEST_FILE}: its encrypted part does not open with this vault's key`];
    fs.copyFileSync(path.join(paths.snapshot(name), DB_FILE), path.join(work, DB_FILE));
    let db;
    try {
      db = openEncryptedDb(path.join(work, DB_FILE), keys.database);
    } catch {
      return [`${name}/vault.db does not open with this vault's key`];
    }
    try {
      const problems = checkDbIntegrity(db);
      const id = db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined;
      if (id?.value !== header.vaultId) problems.push('the database belongs to another vault');
      return problems.map((p) => `${name}/vault.db: ${p}`);
    } finally {
      db.close();
    }
  } finally {
    zeroKeys(crypto, keys);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Checks every snapshot of a backup folder. Never writes to it. */
export async function verifyBackup(crypto: Crypto, from: string, opts: { passphrase?: string } = {}): Promise<VerifyReport> {
  const root = resolveBackupRoot(from);
  const paths = backupPaths(root);
  const vaultId = vaultIdOfRoot(root);
  const names = listSnapshots(paths);
  if (names.length === 0) throw new SaktaError('NOT_FOUND', 'That backup folder holds no snapshots.');
  const checks: SnapshotCheck[] = [];
  let pinned: string | undefined;
  let opened = !!opts.passphrase;
  // Newest first: its header is the one the lawyer would restore, so it sets the key the others must share.
  for (const name of [...names].reverse()) {
    const c = await checkSnapshot(crypto, paths, name, { pinnedKey: pinned, vaultId });
    pinned ??= c.header?.signingPublicKey;
    if (opts.passphrase && c.header && c.check.problems.length === 0) {
      c.check.problems.push(...(await openSnapshot(crypto, paths, name, c.header, opts.passphrase, c.body)));
      c.check.ok = c.check.problems.length === 0;
    } else if (opts.passphrase) opened = false;
    checks.push(c.check);
  }
  return { root, vaultId: vaultId ?? '', snapshots: checks, opened, ok: checks.every((c) => c.ok) };
}

import type { Crypto } from '../../crypto/types';
import { inTransaction, type ReadDb, type WriteDb } from '../../db/connection';
import { loadBlobRow, unwrapBlobKey, wrapBlobKey } from '../../blobs/blob-row';
import { b64, fromB64, utf8 } from '../../base/encoding';
import type { VaultKeys } from '../../vault/keys';
import { AuditLog } from '../audit/audit-log';

/**
 * The database half of a key rotation (docs/vault-format.md §8). While the database is still keyed with the
 * old master key, one transaction re-wraps every stored file's key under the new blobs subkey, appends the
 * audit entry that records the rotation (signed by the old and the new signing key; the head from then on
 * by the new one) and records in `meta` which master key the database now belongs to. A crash before the
 * commit leaves the old wrapping, after it the new: `master_public_key` says which.
 */
export const MASTER_META_KEY = 'master_public_key';
export const ROTATION_ACTION = 'vault.keys_rotated';

/** Why the keys were rotated; 'resumed' when a crash interrupted one and the next open finished it. */
export type RotationReason = 'passphrase' | 'recovery' | 'kdf-profile' | 'rotate-keys' | 'recovery-key' | 'resumed';

export const rotationMessage = (vaultId: string, previousKey: string, nextKey: string, prevHash: string) =>
  utf8(`sakta-key-rotation|v1|${vaultId}|${previousKey}|${nextKey}|${prevHash}`);

/** The signing public key (base64) of the master key the database's blob keys and audit head belong to. */
export function databaseMaster(db: ReadDb): string | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(MASTER_META_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

export function rewrapForNewMaster(
  db: WriteDb,
  crypto: Crypto,
  o: { vaultId: string; oldKeys: VaultKeys; newKeys: VaultKeys; reason: RotationReason; now?: () => Date; onProgress?: (done: number, total: number) => void },
): number {
  const previousKey = b64(o.oldKeys.signing.publicKey);
  const nextKey = b64(o.newKeys.signing.publicKey);
  return inTransaction(db, () => {
    const ids = (db.prepare('SELECT id FROM blobs ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const update = db.prepare('UPDATE blobs SET key_nonce = ?, wrapped_key = ? WHERE id = ?');
    ids.forEach((id, i) => {
      const key = unwrapBlobKey(crypto, o.oldKeys.blobs, loadBlobRow(db, id));
      const { nonce, wrapped } = wrapBlobKey(crypto, o.newKeys.blobs, id, key);
      crypto.memzero(key);
      update.run(nonce, wrapped, id);
      if (i % 256 === 0) o.onProgress?.(i, ids.length);
    });
    o.onProgress?.(ids.length, ids.length);
    const head = db.prepare('SELECT hash FROM audit_head WHERE id = 1').get() as { hash: string } | undefined;
    const msg = rotationMessage(o.vaultId, previousKey, nextKey, head?.hash ?? '0'.repeat(64));
    const audit = new AuditLog({ crypto, signing: () => o.newKeys.signing, now: o.now });
    audit.append(db, {
      action: ROTATION_ACTION,
      entityType: 'vault',
      detail: {
        reason: o.reason,
        documentsRewrapped: ids.length,
        previousSigningKey: previousKey,
        signingKey: nextKey,
        signatureByPrevious: b64(crypto.signDetached(msg, o.oldKeys.signing.secretKey)),
        signatureByNew: b64(crypto.signDetached(msg, o.newKeys.signing.secretKey)),
      },
    });
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(MASTER_META_KEY, nextKey);
    return ids.length;
  });
}

/**
 * Checks every rotation entry of the audit chain: both signatures over the chain position, and that each
 * rotation starts from the key the previous one ended with. Returns one sentence per problem.
 */
export function verifyRotations(db: ReadDb, crypto: Crypto, vaultId: string, currentKey: string): string[] {
  const problems: string[] = [];
  const rows = db.prepare(`SELECT seq, prev_hash, detail FROM audit_log WHERE action = ? ORDER BY seq`).all(ROTATION_ACTION) as { seq: number; prev_hash: string; detail: string }[];
  let expectedFrom: string | null = null;
  for (const r of rows) {
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(r.detail) as Record<string, unknown>;
    } catch {
      problems.push(`audit entry ${r.seq} (key rotation) is unreadable`);
      continue;
    }
    const [prev, next, sp, sn] = [d.previousSigningKey, d.signingKey, d.signatureByPrevious, d.signatureByNew].map((v) => (typeof v === 'string' ? v : ''));
    const msg = rotationMessage(vaultId, prev!, next!, r.prev_hash);
    const ok = (sig: string, key: string) => {
      try {
        return crypto.signVerifyDetached(fromB64(sig), msg, fromB64(key));
      } catch {
        return false;
      }
    };
    if (!ok(sp!, prev!) || !ok(sn!, next!)) problems.push(`audit entry ${r.seq} (key rotation) is not signed by both keys`);
    if (expectedFrom !== null && prev !== expectedFrom) problems.push(`audit entry ${r.seq} (key rotation) does not start from the key the previous rotation made`);
    expectedFrom = next!;
  }
  if (expectedFrom !== null && expectedFrom !== currentKey) problems.push('the last key rotation in the audit log does not name the vault’s current signing key');
  return problems;
}

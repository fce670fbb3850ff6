import fs from 'node:fs';
import { SaktaError } from '../../../shared/errors';
import type { Crypto } from '../../crypto/types';
import type { ReadDb } from '../../db/connection';
import { headSignatureValid } from '../audit/audit-log';
import type { BackupPaths } from './layout';
import { listSnapshots } from './layout';
import { openSecrets, parseManifest } from './manifest';

/**
 * Rollback detection against backups. A vault folder restored from an old copy (the whole vault.db, or the
 * lawyer's laptop imaged last month and put back) authenticates page by page and passes every check that
 * looks only at itself. A backup snapshot made later remembers the audit head signed at that time: if the
 * vault's own audit log does not reach that entry, or holds a different entry there, the vault is older than
 * the backup or has diverged from it.
 */
export interface RollbackFinding {
  snapshot: string;
  message: string;
}

export interface RollbackSession {
  db: ReadDb;
  keys: { backups: Uint8Array; signing: { publicKey: Uint8Array } };
}

export function rollbackFindings(crypto: Crypto, session: RollbackSession, paths: BackupPaths): { findings: RollbackFinding[]; checked: number } {
  const findings: RollbackFinding[] = [];
  let checked = 0;
  const entryAt = session.db.prepare('SELECT hash FROM audit_log WHERE seq = ?');
  const head = session.db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number } | undefined;
  const vaultSeq = head?.seq ?? 0;
  for (const name of listSnapshots(paths)) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(paths.manifest(name));
    } catch {
      continue; // an incomplete snapshot remembers nothing
    }
    let secrets;
    try {
      // Only a manifest signed by this vault's key counts: anyone could drop a folder on the disk.
      const m = parseManifest(crypto, bytes, session.keys.signing.publicKey, name);
      if (!m.signatureOk) continue;
      secrets = openSecrets(crypto, session.keys.backups, m.body);
    } catch {
      continue;
    }
    const snapHead = secrets?.auditHead;
    if (!snapHead || !headSignatureValid(crypto, snapHead, session.keys.signing.publicKey)) continue;
    checked++;
    if (snapHead.seq > vaultSeq) {
      findings.push({
        snapshot: name,
        message: `The vault is older than backup snapshot ${name}: its audit log ends at entry ${vaultSeq}, the backup's signed audit head is at entry ${snapHead.seq}. An older copy of the vault may have been put back (changes made since are missing); restore that snapshot, or find the newer copy.`,
      });
      continue;
    }
    const mine = entryAt.get(snapHead.seq) as { hash: string } | undefined;
    if (mine?.hash !== snapHead.hash) {
      findings.push({
        snapshot: name,
        message: `The vault has diverged from backup snapshot ${name}: its audit entry ${snapHead.seq} differs from the one the backup signed. This vault was not continued from that backup's state.`,
      });
    }
  }
  return { findings, checked };
}

/** The same, as one error for code that must stop (a backup must not prune newer snapshots of a rolled-back vault). */
export function assertNotRolledBack(crypto: Crypto, session: RollbackSession, paths: BackupPaths): void {
  const { findings } = rollbackFindings(crypto, session, paths);
  if (findings.length) throw new SaktaError('INTEGRITY', `${findings[findings.length - 1]!.message} Nothing was backed up.`);
}


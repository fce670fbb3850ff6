import { hex } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import { prep } from '../../db/statements';

/** One case key: 32 random bytes per (case, epoch). The caller zeroes `key` when done. */
export interface CaseKey {
  caseId: string;
  epoch: number;
  keyId: string;
  key: Buffer;
}

export interface MemberRow {
  case_id: string;
  device_id: string;
  sign_public: Buffer;
  box_public: Buffer;
  added_epoch: number;
  removed_epoch: number | null;
  removed_after: number | null;
  added_by: string;
}

/** Names a key without revealing it (two members who both started the same epoch hold two keys for it). */
export const keyIdOf = (crypto: Crypto, key: Uint8Array) => hex(crypto.genericHash(16, key));

export function sharedEpoch(db: ReadDb, caseId: string): number | null {
  const r = prep(db, 'SELECT epoch FROM shared_cases WHERE case_id = ?').get(caseId) as { epoch: number } | undefined;
  return r ? r.epoch : null;
}

export function sharedCases(db: ReadDb): { caseId: string; epoch: number }[] {
  return (prep(db, 'SELECT case_id, epoch FROM shared_cases ORDER BY case_id').all() as { case_id: string; epoch: number }[]).map((r) => ({ caseId: r.case_id, epoch: r.epoch }));
}

/** Every key this device holds, of every case and epoch: a segment's key is found by trying them. */
export function allKeys(db: ReadDb): CaseKey[] {
  return (prep(db, 'SELECT case_id, epoch, key_id, key FROM case_keys ORDER BY case_id, epoch, key_id').all() as { case_id: string; epoch: number; key_id: string; key: Buffer }[]).map(
    (r) => ({ caseId: r.case_id, epoch: r.epoch, keyId: r.key_id, key: r.key }),
  );
}

export function caseKeys(db: ReadDb, caseId: string): CaseKey[] {
  return allKeys(db).filter((k) => k.caseId === caseId);
}

/** The key new segments of the case are sealed with: its current epoch's (the lowest key id if there are two). */
export function currentKey(db: ReadDb, caseId: string): CaseKey | null {
  const epoch = sharedEpoch(db, caseId);
  if (epoch === null) return null;
  const r = prep(db, 'SELECT key_id, key FROM case_keys WHERE case_id = ? AND epoch = ? ORDER BY key_id LIMIT 1').get(caseId, epoch) as { key_id: string; key: Buffer } | undefined;
  return r ? { caseId, epoch, keyId: r.key_id, key: r.key } : null;
}

export function insertKey(crypto: Crypto, db: WriteDb, caseId: string, epoch: number, key: Uint8Array, at: string): boolean {
  const res = prep(db, 'INSERT OR IGNORE INTO case_keys (case_id, epoch, key_id, key, received_at) VALUES (?, ?, ?, ?, ?)').run(caseId, epoch, keyIdOf(crypto, key), Buffer.from(key), at);
  return res.changes > 0;
}

export function members(db: ReadDb, caseId: string): MemberRow[] {
  return prep(db, 'SELECT * FROM case_members WHERE case_id = ? ORDER BY added_epoch, device_id').all(caseId) as MemberRow[];
}

export function member(db: ReadDb, caseId: string, deviceId: string): MemberRow | null {
  return (prep(db, 'SELECT * FROM case_members WHERE case_id = ? AND device_id = ?').get(caseId, deviceId) as MemberRow | undefined) ?? null;
}

export const isActive = (m: MemberRow | null): m is MemberRow => !!m && m.removed_epoch === null;

export function zeroKeys(crypto: Crypto, keys: CaseKey[]): void {
  for (const k of keys) crypto.memzero(k.key);
}

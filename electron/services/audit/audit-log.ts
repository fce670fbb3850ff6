import { createHash } from 'node:crypto';
import type { Crypto } from '../../crypto/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import { b64, fromB64, utf8 } from '../../base/encoding';
import { prep } from '../../db/statements';

/**
 * Append-only, hash-chained audit log. Each entry's hash covers the previous hash and the entry's
 * canonical JSON; the newest hash (the head) is signed with the vault's Ed25519 key. A removed,
 * reordered or altered entry breaks the chain or the signature.
 */
export interface AuditEntryInput {
  action: string; // e.g. "case.create", "document.view"
  entityType: string;
  entityId?: string | null;
  caseId?: string | null;
  detail?: Record<string, unknown>;
  /** The change's time (the write path passes its own, so the row and its entry agree); default: now. */
  at?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  detail: Record<string, unknown>;
}

interface Row {
  seq: number;
  at: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  case_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.action, r.entity_type, r.entity_id, r.case_id, r.detail]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

const headMessage = (seq: number, hash: string) => utf8(`sakta-audit-head|v1|${seq}|${hash}`);

/** True when `signature` is the vault's signature of this head (used to trust a head kept in a backup). */
export function headSignatureValid(crypto: Crypto, head: { seq: number; hash: string; signature: string }, publicKey: Uint8Array): boolean {
  try {
    return crypto.signVerifyDetached(fromB64(head.signature), headMessage(head.seq, head.hash), publicKey);
  } catch {
    return false;
  }
}

export class AuditLog {
  constructor(
    private readonly deps: {
      crypto: Crypto;
      signing: () => { publicKey: Uint8Array; secretKey: Uint8Array };
      now?: () => Date;
    },
  ) {}

  /** Appends one entry. Call inside the same transaction as the change it records. */
  append(db: WriteDb, input: AuditEntryInput): number {
    const head = prep(db, 'SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prev = head?.hash ?? GENESIS_HASH;
    const row = {
      seq,
      at: input.at ?? (this.deps.now?.() ?? new Date()).toISOString(),
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId ?? null,
      case_id: input.caseId ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    };
    const hash = entryHash(prev, row);
    prep(
      db,
      `INSERT INTO audit_log (seq, at, action, entity_type, entity_id, case_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @action, @entity_type, @entity_id, @case_id, @detail, @prev_hash, @hash)`,
    ).run({ ...row, prev_hash: prev, hash });
    const sig = b64(this.deps.crypto.signDetached(headMessage(seq, hash), this.deps.signing().secretKey));
    prep(
      db,
      `INSERT INTO audit_head (id, seq, hash, signature) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature`,
    ).run(seq, hash, sig);
    return seq;
  }

  /** Newest first; `beforeSeq` pages back through older entries. */
  list(db: ReadDb, filter: { caseId?: string; entityId?: string; limit?: number; beforeSeq?: number } = {}): AuditEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.caseId) (where.push('case_id = ?'), args.push(filter.caseId));
    if (filter.entityId) (where.push('entity_id = ?'), args.push(filter.entityId));
    if (filter.beforeSeq !== undefined) (where.push('seq < ?'), args.push(filter.beforeSeq));
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = db.prepare(sql).all(...args, filter.limit ?? 500) as Row[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      caseId: r.case_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }

  /** Walks the whole chain; returns one precise sentence per problem (empty when intact). */
  verify(db: ReadDb, publicKey: Uint8Array): string[] {
    const problems: string[] = [];
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let last: Row | undefined;
    for (const r of prep(db, 'SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Row>) {
      if (r.seq !== expectedSeq) problems.push(`audit entry ${expectedSeq}${r.seq > expectedSeq + 1 ? `–${r.seq - 1}` : ''} is missing`);
      if (r.prev_hash !== prev) problems.push(`audit entry ${r.seq} does not follow the entry before it (chain broken)`);
      if (entryHash(r.prev_hash, r) !== r.hash) problems.push(`audit entry ${r.seq} (${r.action}) was altered`);
      prev = r.hash;
      expectedSeq = r.seq + 1;
      last = r;
    }
    const head = prep(db, 'SELECT seq, hash, signature FROM audit_head WHERE id = 1').get() as
      | { seq: number; hash: string; signature: string }
      | undefined;
    if (!head) {
      if (last) problems.push('the audit log has entries but no signed head');
      return problems;
    }
    if (!this.deps.crypto.signVerifyDetached(fromB64(head.signature), headMessage(head.seq, head.hash), publicKey)) {
      problems.push('the signature of the audit log head is invalid');
    }
    if (!last || head.seq !== last.seq || head.hash !== last.hash) {
      problems.push(`the audit log ends at entry ${last?.seq ?? 0} but its signed head names entry ${head.seq} (entries removed at the end)`);
    }
    return problems;
  }
}

import { SaktaError } from '../../../shared/errors';
import { EnvelopeBodySchema, type EnvelopeBody, type MemberInfo, type SyncReport } from '../../../shared/schemas/sharing';
import { b64, fromB64, utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import type { ChangeWriter, Write } from '../changes/change-writer';
import type { VaultSession } from '../vault-service';
import { allKeys, insertKey, isActive, member, members, sharedCases, sharedEpoch, zeroKeys, type MemberRow } from './case-keys';
import { parseJsonBody } from './json-body';
import { deviceIdOf, SIGN_TAG, signedMessage } from './device-keys';
import { openEnvelope, sealEnvelope } from './envelope-file';
import { listFolder, randomName, readFolderFile, writeFolderFile } from './folder-files';
import type { DeviceIdentity, PublicIdentity } from './identity';
import type { Pairing } from './pairing';
import { prep } from '../../db/statements';

export interface MembershipDeps {
  crypto: Crypto;
  session: () => VaultSession;
  writer: ChangeWriter;
  identity: DeviceIdentity;
  pairing: Pairing;
}

export interface ShareResult {
  caseId: string;
  epoch: number;
  deviceId: string;
  /** The key envelope written into the folder. */
  envelope: string;
}

export interface ReceivedEnvelope {
  file: string;
  caseId: string;
  epoch: number;
  signer: string;
  /** The case's Syncthing folder id, when its sharer gave one. */
  syncFolder: string | null;
}

const report = (code: SyncReport['code'], file: string, message: string, caseId: string | null = null, author: string | null = null): SyncReport => ({ code, file, caseId, author, counter: null, message });

/**
 * Who may read a shared case. Sharing starts epoch 1 with a random case key; each removal starts the next epoch,
 * whose key is sealed to the remaining members only. Every change of the members or keys is sent as a key
 * envelope: the keys sealed to each member's X25519 key, the member list with their public keys, all signed by
 * the device that made it (so a member added by A is vouched for by A's signature). Any current member may share
 * or unshare.
 */
export class Membership {
  constructor(private readonly deps: MembershipDeps) {}

  share(caseId: string, memberRef: string, folder: string): ShareResult {
    const { crypto, writer, identity, pairing } = this.deps;
    return writer.write((w) => {
      const me = identity.ensure(w);
      const peer = pairing.resolve(w.db, memberRef);
      let epoch = sharedEpoch(w.db, caseId);
      if (epoch === null) {
        if (!prep(w.db, 'SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new SaktaError('NOT_FOUND', 'No case has that id in this vault.');
        epoch = 1;
        prep(w.db, 'INSERT INTO shared_cases (case_id, epoch, shared_at) VALUES (?, 1, ?)').run(caseId, w.at);
        const key = crypto.randomBytes(32);
        insertKey(crypto, w.db, caseId, 1, key, w.at);
        crypto.memzero(key);
        insertMember(w.db, caseId, me, 1, me.deviceId);
      } else if (!isActive(member(w.db, caseId, me.deviceId))) {
        throw new SaktaError('CONFLICT', 'This device was removed from that case: it can no longer share it.');
      }
      const existing = member(w.db, caseId, peer.deviceId);
      if (existing && !isActive(existing)) throw new SaktaError('CONFLICT', 'That device was removed from this case; a removed device cannot be added back.');
      if (!existing) insertMember(w.db, caseId, peer, epoch, me.deviceId);
      w.record({ action: 'sharing.share', entityType: 'case', entityId: caseId, caseId, detail: { deviceId: peer.deviceId, epoch } });
      const envelope = this.sendEnvelope(w, caseId, folder);
      return { caseId, epoch, deviceId: peer.deviceId, envelope };
    });
  }

  unshare(caseId: string, memberRef: string, folder: string): ShareResult {
    const { crypto, writer, identity, pairing } = this.deps;
    return writer.write((w) => {
      const me = identity.ensure(w);
      const current = sharedEpoch(w.db, caseId);
      if (current === null) throw new SaktaError('NOT_FOUND', 'That case is not shared.');
      if (!isActive(member(w.db, caseId, me.deviceId))) throw new SaktaError('CONFLICT', 'This device was removed from that case: it can no longer change its members.');
      const ref = memberRef.trim().toLowerCase();
      const target = member(w.db, caseId, ref) ?? member(w.db, caseId, pairing.resolve(w.db, memberRef).deviceId);
      if (!target) throw new SaktaError('NOT_FOUND', 'That device is not a member of this case.');
      if (target.device_id === me.deviceId) throw new SaktaError('BAD_REQUEST', 'A device cannot remove itself from a case; ask another member to remove it.');
      if (!isActive(target)) throw new SaktaError('CONFLICT', 'That device was already removed from this case.');
      const epoch = current + 1;
      // Its segments up to the last one this device applied stay valid; anything it writes later is refused.
      const after = (prep(w.db, 'SELECT MAX(counter) AS c FROM sharing_segments WHERE case_id = ? AND author = ?').get(caseId, target.device_id) as { c: number | null }).c ?? 0;
      prep(w.db, 'UPDATE case_members SET removed_epoch = ?, removed_after = ? WHERE case_id = ? AND device_id = ?').run(epoch, after, caseId, target.device_id);
      prep(w.db, 'UPDATE shared_cases SET epoch = ? WHERE case_id = ?').run(epoch, caseId);
      const key = crypto.randomBytes(32);
      insertKey(crypto, w.db, caseId, epoch, key, w.at);
      crypto.memzero(key);
      w.record({ action: 'sharing.unshare', entityType: 'case', entityId: caseId, caseId, detail: { deviceId: target.device_id, epoch } });
      const envelope = this.sendEnvelope(w, caseId, folder);
      return { caseId, epoch, deviceId: target.device_id, envelope };
    });
  }

  /** The shared cases this device is a current member of, with their key epoch: what a sync writes segments for. */
  activeCases(db: ReadDb = this.deps.session().db): { caseId: string; epoch: number }[] {
    const me = this.deps.identity.get(db);
    if (!me) return [];
    return sharedCases(db).filter((c) => isActive(member(db, c.caseId, me.deviceId)));
  }

  members(caseId: string, db: ReadDb = this.deps.session().db): MemberInfo[] {
    if (sharedEpoch(db, caseId) === null) throw new SaktaError('NOT_FOUND', 'That case is not shared.');
    const me = this.deps.identity.get(db);
    return members(db, caseId).map((m) => ({
      deviceId: m.device_id,
      name: m.device_id === me?.deviceId ? 'this device' : (this.deps.pairing.find(db, m.device_id)?.name ?? null),
      self: m.device_id === me?.deviceId,
      status: m.removed_epoch === null ? 'active' : 'removed',
      addedEpoch: m.added_epoch,
      removedEpoch: m.removed_epoch,
    }));
  }

  /**
   * Takes in the key envelopes in the folder addressed to this device (found by trying each slot with this
   * device's key), accepting only those signed by a current member of the case or, for a case new here, by a
   * paired peer. Accepted envelopes are remembered, so a later read skips them.
   */
  receiveEnvelopes(folder: string): { accepted: ReceivedEnvelope[]; reports: SyncReport[] } {
    const { crypto, writer, identity, session } = this.deps;
    const db = session().db;
    const me = identity.get(db);
    if (!me) return { accepted: [], reports: [] };
    const seen = new Set((prep(db, 'SELECT file FROM sharing_envelopes').all() as { file: string }[]).map((r) => r.file));
    const opened: { file: string; body: EnvelopeBody; bodyBytes: Uint8Array; signature: Uint8Array }[] = [];
    const reports: SyncReport[] = [];
    identity.withSecrets(db, (s) => {
      for (const file of listFolder(folder, 'envelope')) {
        if (seen.has(file)) continue;
        const bytes = readFolderFile(folder, file);
        if (!bytes) continue;
        const o = openEnvelope(crypto, bytes, s.boxPublic, s.boxSecret);
        if (o.kind === 'not-for-me') continue;
        if (o.kind === 'damaged') {
          reports.push(report('MALFORMED', file, 'A key envelope addressed to this device is damaged or was altered; it was not used.'));
          continue;
        }
        const body = parseJsonBody(o.body, EnvelopeBodySchema);
        if (!body) {
          reports.push(report('MALFORMED', file, 'A key envelope addressed to this device does not hold what an envelope must; it was not used.'));
          continue;
        }
        opened.push({ file, body, bodyBytes: Buffer.from(o.body), signature: Buffer.from(o.signature) });
      }
    });
    // Newest epoch first: a removal is taken in before an older envelope its removed member made (which is then
    // refused), and the newest envelope carries every older key anyway.
    opened.sort((a, b) => b.body.epoch - a.body.epoch || a.file.localeCompare(b.file));
    const accepted: ReceivedEnvelope[] = [];
    if (!opened.length) return { accepted, reports };
    writer.write((w) => {
      // An envelope may become acceptable once another one is in (a member vouched for by a peer's envelope
      // made the next one): passes until nothing more can be taken in.
      let pending = opened;
      for (let progress = true; progress && pending.length; ) {
        progress = false;
        const refused: typeof opened = [];
        for (const e of pending) {
          if (this.checkEnvelope(w.db, me, e.body, e.bodyBytes, e.signature)) {
            refused.push(e);
            continue;
          }
          applyEnvelope(crypto, w, me, e.body);
          prep(w.db, 'INSERT OR IGNORE INTO sharing_envelopes (file, case_id, epoch, signer, at) VALUES (?, ?, ?, ?, ?)').run(e.file, e.body.caseId, e.body.epoch, e.body.signer, w.at);
          w.record({ action: 'sharing.keys.receive', entityType: 'case', entityId: e.body.caseId, caseId: e.body.caseId, detail: { from: e.body.signer, epoch: e.body.epoch }, access: true });
          // The case's Syncthing folder as its (signed) envelope names it: the folder this device exchanges it in.
          if (e.body.syncFolder) {
            prep(w.db, 'INSERT INTO team_folders (case_id, folder_id, at) VALUES (?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET folder_id = excluded.folder_id, at = excluded.at')
              .run(e.body.caseId, e.body.syncFolder, w.at);
          }
          accepted.push({ file: e.file, caseId: e.body.caseId, epoch: e.body.epoch, signer: e.body.signer, syncFolder: e.body.syncFolder ?? null });
          progress = true;
        }
        pending = refused;
      }
      for (const e of pending) {
        const problem = this.checkEnvelope(w.db, me, e.body, e.bodyBytes, e.signature)!;
        reports.push(report(problem.code, e.file, problem.message, e.body.caseId, e.body.signer));
      }
    });
    return { accepted, reports };
  }

  /** Why an opened envelope must not be used, or null when it may. */
  private checkEnvelope(db: ReadDb, me: PublicIdentity, body: EnvelopeBody, bodyBytes: Uint8Array, signature: Uint8Array): { code: SyncReport['code']; message: string } | null {
    const { crypto, pairing } = this.deps;
    if (!body.members.some((m) => m.deviceId === me.deviceId)) return { code: 'MALFORMED', message: 'A key envelope sealed to this device does not list it as a member.' };
    // A device id is its keys' hash: a listed id that does not match its keys would let one device pass for another.
    if ([...body.members, ...body.removed].some((m) => deviceIdOf(crypto, fromB64(m.signPublic), fromB64(m.boxPublic)) !== m.deviceId)) {
      return { code: 'MALFORMED', message: 'A key envelope lists a device whose id does not match its keys; it was not used.' };
    }
    const known = sharedEpoch(db, body.caseId);
    let signPublic: Uint8Array;
    if (known === null) {
      const peer = body.signer === me.deviceId ? me : pairing.find(db, body.signer);
      if (!peer) return { code: 'NOT_MEMBER', message: 'A key envelope for a case new here was made by a device this one has not paired with; it was not used.' };
      signPublic = peer.signPublic;
    } else {
      const signer = member(db, body.caseId, body.signer);
      if (!signer) return { code: 'NOT_MEMBER', message: 'A key envelope was made by a device that is not a member of the case; it was not used.' };
      if (!isActive(signer)) return { code: 'REMOVED_MEMBER', message: 'A key envelope was made by a device removed from the case; it was not used.' };
      signPublic = signer.sign_public;
    }
    const listed = body.members.find((m) => m.deviceId === body.signer);
    if (!listed || !Buffer.from(fromB64(listed.signPublic)).equals(Buffer.from(signPublic))) return { code: 'BAD_SIGNATURE', message: 'A key envelope names its maker with keys that are not the ones this device knows; it was not used.' };
    if (!crypto.signVerifyDetached(signature, signedMessage(SIGN_TAG.envelope, bodyBytes), signPublic)) {
      return { code: 'BAD_SIGNATURE', message: 'A key envelope failed its signature check (altered or forged); it was not used.' };
    }
    return null;
  }

  /** Seals the case's keys and members to every other active member and leaves the envelope in the folder. */
  private sendEnvelope(w: Write, caseId: string, folder: string): string {
    const { crypto, identity } = this.deps;
    const epoch = sharedEpoch(w.db, caseId)!;
    const rows = members(w.db, caseId);
    const me = identity.require(w.db);
    const active = rows.filter((m) => m.removed_epoch === null);
    // This device too: if the write that made the envelope is lost (a crash before the commit) while the file
    // stays, reading the folder gives this device back the keys the others already have.
    const recipients = active.map((m) => new Uint8Array(m.box_public));
    const keys = allKeys(w.db).filter((k) => k.caseId === caseId && k.epoch <= epoch);
    const syncFolder = (prep(w.db, 'SELECT folder_id FROM team_folders WHERE case_id = ?').get(caseId) as { folder_id: string } | undefined)?.folder_id;
    let bodyBytes: Uint8Array;
    try {
      const body: EnvelopeBody = {
        v: 1,
        caseId,
        epoch,
        keys: keys.map((k) => ({ epoch: k.epoch, key: b64(k.key) })),
        members: active.map(memberKeys),
        removed: rows.filter((m) => m.removed_epoch !== null).map((m) => ({ ...memberKeys(m), epoch: m.removed_epoch!, afterCounter: m.removed_after ?? 0 })),
        signer: me.deviceId,
        at: w.at,
        ...(syncFolder ? { syncFolder } : {}),
      };
      bodyBytes = utf8(JSON.stringify(body));
    } finally {
      zeroKeys(crypto, keys);
    }
    try {
      const signature = identity.withSecrets(w.db, (s) => crypto.signDetached(signedMessage(SIGN_TAG.envelope, bodyBytes), s.signSecret));
      const file = randomName(crypto, 'envelope');
      // Remembered as seen: this device made it, there is nothing in it to take in.
      prep(w.db, 'INSERT INTO sharing_envelopes (file, case_id, epoch, signer, at) VALUES (?, ?, ?, ?, ?)').run(file, caseId, epoch, me.deviceId, w.at);
      // Last in the write: only the commit can still fail after the file is there, and then it holds nothing
      // the other members did not already have or will not get with the next envelope.
      writeFolderFile(folder, file, sealEnvelope(crypto, bodyBytes, signature, recipients));
      return file;
    } finally {
      bodyBytes.fill(0);
    }
  }
}

const memberKeys = (m: MemberRow) => ({ deviceId: m.device_id, signPublic: b64(m.sign_public), boxPublic: b64(m.box_public) });

function insertMember(db: WriteDb, caseId: string, m: { deviceId: string; signPublic: Uint8Array; boxPublic: Uint8Array }, epoch: number, addedBy: string): void {
  prep(db, 'INSERT INTO case_members (case_id, device_id, sign_public, box_public, added_epoch, removed_epoch, removed_after, added_by) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)').run(
    caseId,
    m.deviceId,
    Buffer.from(m.signPublic),
    Buffer.from(m.boxPublic),
    epoch,
    addedBy,
  );
}

/** Takes in an envelope that passed its checks: its keys, and (for a newer epoch) its members and removals. */
function applyEnvelope(crypto: Crypto, w: Write, me: PublicIdentity, body: EnvelopeBody): void {
  const known = sharedEpoch(w.db, body.caseId);
  for (const k of body.keys) {
    const key = fromB64(k.key);
    insertKey(crypto, w.db, body.caseId, k.epoch, key, w.at);
    crypto.memzero(key);
  }
  // An older epoch's envelope (read after a newer one) gives only keys: its member list is out of date.
  if (known !== null && body.epoch < known) return;
  if (known === null) prep(w.db, 'INSERT INTO shared_cases (case_id, epoch, shared_at) VALUES (?, ?, ?)').run(body.caseId, body.epoch, w.at);
  else if (body.epoch > known) prep(w.db, 'UPDATE shared_cases SET epoch = ? WHERE case_id = ?').run(body.epoch, body.caseId);
  for (const m of body.members) {
    if (member(w.db, body.caseId, m.deviceId)) continue;
    // A member learnt with the case (no history here) counts from epoch 1; one added later, from this epoch.
    insertMember(w.db, body.caseId, { deviceId: m.deviceId, signPublic: fromB64(m.signPublic), boxPublic: fromB64(m.boxPublic) }, known === null ? 1 : body.epoch, body.signer);
  }
  if (known !== null && body.epoch > known) {
    // A new epoch's member list is the whole list: a device missing from it was removed (a removal wins over an
    // addition made concurrently by someone else). Its segments up to what this device applied stay valid.
    const listed = new Set(body.members.map((m) => m.deviceId));
    for (const m of members(w.db, body.caseId)) {
      if (m.removed_epoch !== null || listed.has(m.device_id) || m.device_id === me.deviceId) continue;
      const after = (prep(w.db, 'SELECT MAX(counter) AS c FROM sharing_segments WHERE case_id = ? AND author = ?').get(body.caseId, m.device_id) as { c: number | null }).c ?? 0;
      prep(w.db, 'UPDATE case_members SET removed_epoch = ?, removed_after = ? WHERE case_id = ? AND device_id = ?').run(body.epoch, after, body.caseId, m.device_id);
    }
  }
  for (const r of body.removed) {
    if (r.deviceId === me.deviceId) continue;
    const m = member(w.db, body.caseId, r.deviceId);
    if (!m) {
      // Learnt already removed: its segments up to `afterCounter` are still taken, later ones refused.
      insertMember(w.db, body.caseId, { deviceId: r.deviceId, signPublic: fromB64(r.signPublic), boxPublic: fromB64(r.boxPublic) }, 1, body.signer);
      prep(w.db, 'UPDATE case_members SET removed_epoch = ?, removed_after = ? WHERE case_id = ? AND device_id = ?').run(r.epoch, r.afterCounter, body.caseId, r.deviceId);
    } else if (m.removed_epoch === null || m.removed_epoch > r.epoch) {
      prep(w.db, 'UPDATE case_members SET removed_epoch = ?, removed_after = ? WHERE case_id = ? AND device_id = ?').run(r.epoch, r.afterCounter, body.caseId, r.deviceId);
    }
  }
}

import { SaktaError } from '../../../shared/errors';
import fs from 'node:fs';
import path from 'node:path';
import { PeerNameSchema, type EngineContact, type OfferInfo, type PeerInfo } from '../../../shared/schemas/sharing';
import type { Crypto } from '../../crypto/types';
import type { ReadDb } from '../../db/connection';
import type { ChangeWriter } from '../changes/change-writer';
import type { VaultSession } from '../vault-service';
import { normaliseSafetyCode, safetyCode } from './device-keys';
import { listFolder, randomName, readFolderFile, writeFolderFile } from './folder-files';
import type { DeviceIdentity, PublicIdentity } from './identity';
import { parseOffer, makeOffer } from './offer-file';
import { prep } from '../../db/statements';

export interface PairingDeps {
  crypto: Crypto;
  session: () => VaultSession;
  writer: ChangeWriter;
  identity: DeviceIdentity;
}

export interface Peer extends PeerInfo {
  signPublic: Uint8Array;
  boxPublic: Uint8Array;
  /** Its Syncthing's device id and address, from its signed offer (null: paired through a folder only). */
  engine: EngineContact | null;
}

export interface RefusedOffer {
  file: string;
  code: 'INTEGRITY';
  message: string;
}

interface PeerRow {
  device_id: string;
  name: string;
  sign_public: Buffer;
  box_public: Buffer;
  paired_at: string;
  engine_device: string | null;
  engine_address: string | null;
}

const toPeer = (r: PeerRow): Peer => ({
  deviceId: r.device_id,
  name: r.name,
  pairedAt: r.paired_at,
  signPublic: new Uint8Array(r.sign_public),
  boxPublic: new Uint8Array(r.box_public),
  engine: r.engine_device && r.engine_address ? { device: r.engine_device, address: r.engine_address } : null,
});
const sameEngine = (a: EngineContact | null, b: EngineContact | null) => (a?.device ?? null) === (b?.device ?? null) && (a?.address ?? null) === (b?.address ?? null);
const fold = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Pairing through a folder. Each side leaves a signed offer (public keys only) under a random name; each side
 * then confirms the other only by the safety code it compared on both screens, and gives it a local name. A
 * file alone never makes a peer: whoever can write to the folder can leave an offer, but not one whose code
 * matches what the other lawyer reads out.
 */
export class Pairing {
  constructor(private readonly deps: PairingDeps) {}

  /** This device's identity, made on first need. */
  identity(): PublicIdentity {
    const { identity, writer, session } = this.deps;
    return identity.get(session().db) ?? writer.write((w) => identity.ensure(w));
  }

  /**
   * Leaves this device's offer in the folder unless a valid one with the same Syncthing contact is already there
   * (an own offer with another contact, from an earlier run, is replaced).
   */
  offer(folder: string, engine: EngineContact | null = null): { file: string; created: boolean } {
    const me = this.identity();
    const { crypto, identity, session } = this.deps;
    for (const file of listFolder(folder, 'offer')) {
      const bytes = readFolderFile(folder, file);
      const o = bytes && parseOffer(crypto, bytes);
      if (!o || !o.signatureValid || o.deviceId !== me.deviceId) continue;
      if (sameEngine(o.engine, engine)) return { file, created: false };
      fs.rmSync(path.join(folder, file), { force: true });
    }
    const file = randomName(crypto, 'offer');
    const bytes = identity.withSecrets(session().db, (s) => makeOffer(crypto, s.signPublic, s.boxPublic, s.signSecret, engine));
    writeFolderFile(folder, file, bytes);
    return { file, created: true };
  }

  /** Other devices' offers in the folder with the safety code each would share with this device. */
  scan(folder: string): { offers: OfferInfo[]; refused: RefusedOffer[] } {
    const me = this.identity();
    const db = this.deps.session().db;
    const offers: OfferInfo[] = [];
    const refused: RefusedOffer[] = [];
    for (const { file, offer } of this.readOffers(folder)) {
      if (offer.deviceId === me.deviceId) continue;
      if (!offer.signatureValid) {
        refused.push({ file, code: 'INTEGRITY', message: 'This offer is not signed by the key it carries (altered or forged): it cannot be paired with.' });
        continue;
      }
      const peer = this.find(db, offer.deviceId);
      offers.push({ file, deviceId: offer.deviceId, safetyCode: safetyCode(this.deps.crypto, me, offer), pairedAs: peer?.name ?? null });
    }
    return { offers, refused };
  }

  /** Makes the device whose offer has this safety code a trusted peer named `name`. */
  confirm(folder: string, typedCode: string, typedName: string): PeerInfo {
    const code = normaliseSafetyCode(typedCode);
    if (!code) throw new SaktaError('VALIDATION', 'A safety code is 60 digits (12 groups of 5).', { code: 'Not a safety code' });
    const name = PeerNameSchema.safeParse(typedName);
    if (!name.success) throw new SaktaError('VALIDATION', `The name cannot be used: ${name.error.issues[0]?.message ?? 'invalid'}.`, { name: name.error.issues[0]?.message ?? 'invalid' });
    const me = this.identity();
    const match = this.readOffers(folder).find(({ offer }) => offer.deviceId !== me.deviceId && safetyCode(this.deps.crypto, me, offer) === code);
    if (!match) throw new SaktaError('NOT_FOUND', 'No offer in the folder has that safety code. Check the code on both screens, and that the other device has written its offer.');
    const { offer } = match;
    if (!offer.signatureValid) throw new SaktaError('INTEGRITY', 'The offer with that safety code is not signed by the key it carries (altered or forged). Nothing was paired.');
    return this.record(offer, name.data, 'folder');
  }

  /**
   * Trusts a device whose public keys this process holds itself (a travel vault made here, by the same lawyer):
   * nothing crossed a folder, so there is no code to compare.
   */
  adopt(peer: PublicIdentity, typedName: string): PeerInfo {
    const name = PeerNameSchema.safeParse(typedName);
    if (!name.success) throw new SaktaError('VALIDATION', `The name cannot be used: ${name.error.issues[0]?.message ?? 'invalid'}.`, { name: name.error.issues[0]?.message ?? 'invalid' });
    if (peer.deviceId === this.identity().deviceId) throw new SaktaError('VALIDATION', 'A vault cannot be paired with itself.');
    return this.record(peer, name.data, 'direct');
  }

  /** A name no paired device has yet: `base`, else `base (2)`, `base (3)`… */
  freeName(base: string, db: ReadDb = this.deps.session().db): string {
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base} (${i})`;
      if (!prep(db, 'SELECT 1 FROM peers WHERE name_fold = ?').get(fold(name))) return name;
    }
  }

  private record(peer: PublicIdentity & { engine?: EngineContact | null }, name: string, how: 'folder' | 'direct'): PeerInfo {
    return this.deps.writer.write((w) => {
      const taken = prep(w.db, 'SELECT device_id FROM peers WHERE name_fold = ?').get(fold(name)) as { device_id: string } | undefined;
      if (taken && taken.device_id !== peer.deviceId) throw new SaktaError('CONFLICT', 'Another paired device already has that name.', { name: 'Already used' });
      prep(
        w.db,
        `INSERT INTO peers (device_id, name, name_fold, sign_public, box_public, paired_at, engine_device, engine_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold,
           engine_device = COALESCE(excluded.engine_device, peers.engine_device), engine_address = COALESCE(excluded.engine_address, peers.engine_address)`,
      ).run(peer.deviceId, name, fold(name), Buffer.from(peer.signPublic), Buffer.from(peer.boxPublic), w.at, peer.engine?.device ?? null, peer.engine?.address ?? null);
      w.record({ action: 'sharing.pair', entityType: 'vault', entityId: peer.deviceId, detail: how === 'direct' ? { deviceId: peer.deviceId, direct: true } : { deviceId: peer.deviceId } });
      const row = prep(w.db, 'SELECT * FROM peers WHERE device_id = ?').get(peer.deviceId) as PeerRow;
      const { deviceId, name: n, pairedAt } = toPeer(row);
      return { deviceId, name: n, pairedAt };
    });
  }

  peers(db: ReadDb = this.deps.session().db): Peer[] {
    return (prep(db, 'SELECT * FROM peers ORDER BY name_fold').all() as PeerRow[]).map(toPeer);
  }

  find(db: ReadDb, deviceId: string): Peer | null {
    const r = prep(db, 'SELECT * FROM peers WHERE device_id = ?').get(deviceId) as PeerRow | undefined;
    return r ? toPeer(r) : null;
  }

  /** A peer by its local name (any case) or its device id. */
  resolve(db: ReadDb, nameOrId: string): Peer {
    const r = (prep(db, 'SELECT * FROM peers WHERE device_id = ?').get(nameOrId.toLowerCase()) ??
      prep(db, 'SELECT * FROM peers WHERE name_fold = ?').get(fold(nameOrId.trim()))) as PeerRow | undefined;
    if (!r) throw new SaktaError('NOT_FOUND', 'No paired device has that name or id. Pair first: sakta pair --via FOLDER.');
    return toPeer(r);
  }

  private readOffers(folder: string) {
    const out: { file: string; offer: NonNullable<ReturnType<typeof parseOffer>> }[] = [];
    for (const file of listFolder(folder, 'offer')) {
      const bytes = readFolderFile(folder, file);
      const offer = bytes && parseOffer(this.deps.crypto, bytes);
      if (offer) out.push({ file, offer });
    }
    return out;
  }
}

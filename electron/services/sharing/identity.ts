import { SaktaError } from '../../../shared/errors';
import type { IdentityInfo } from '../../../shared/schemas/sharing';
import { b64 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import type { ReadDb } from '../../db/connection';
import type { Write } from '../changes/change-writer';
import { deviceIdOf } from './device-keys';
import { prep } from '../../db/statements';

/** This device's public keys. */
export interface PublicIdentity {
  deviceId: string;
  signPublic: Uint8Array;
  boxPublic: Uint8Array;
}

/** The secret halves, lent to a callback and zeroed after it. */
export interface IdentitySecrets extends PublicIdentity {
  signSecret: Uint8Array;
  boxSecret: Uint8Array;
}

interface IdentityRow {
  device_id: string;
  sign_public: Buffer;
  sign_secret: Buffer;
  box_public: Buffer;
  box_secret: Buffer;
}

/**
 * The device identity: an Ed25519 key to sign and an X25519 key to be sealed to. Random (not derived from the
 * master key, so a key rotation keeps it), made on first need inside a write, kept in the encrypted database.
 * Secret keys are read from the database for each use and zeroed after it; nothing holds them across a lock.
 */
export class DeviceIdentity {
  constructor(private readonly crypto: Crypto) {}

  get(db: ReadDb): PublicIdentity | null {
    const r = prep(db, 'SELECT device_id, sign_public, box_public FROM device_identity WHERE id = 1').get() as Pick<IdentityRow, 'device_id' | 'sign_public' | 'box_public'> | undefined;
    return r ? { deviceId: r.device_id, signPublic: new Uint8Array(r.sign_public), boxPublic: new Uint8Array(r.box_public) } : null;
  }

  /** The identity, made now (and recorded in the trail) if this vault has none yet. */
  ensure(w: Write): PublicIdentity {
    const have = this.get(w.db);
    if (have) return have;
    const { crypto } = this;
    const signSeed = crypto.randomBytes(32);
    const boxSeed = crypto.randomBytes(32);
    const sign = crypto.signSeedKeypair(signSeed);
    const box = crypto.boxSeedKeypair(boxSeed);
    crypto.memzero(signSeed);
    crypto.memzero(boxSeed);
    const deviceId = deviceIdOf(crypto, sign.publicKey, box.publicKey);
    try {
      prep(w.db, 'INSERT INTO device_identity (id, device_id, sign_public, sign_secret, box_public, box_secret, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
        .run(deviceId, Buffer.from(sign.publicKey), Buffer.from(sign.secretKey), Buffer.from(box.publicKey), Buffer.from(box.secretKey), w.at);
    } finally {
      crypto.memzero(sign.secretKey);
      crypto.memzero(box.secretKey);
    }
    w.record({ action: 'sharing.identity.create', entityType: 'vault', detail: { deviceId } });
    return { deviceId, signPublic: sign.publicKey, boxPublic: box.publicKey };
  }

  require(db: ReadDb): PublicIdentity {
    const id = this.get(db);
    if (!id) throw new SaktaError('NOT_FOUND', 'This vault has no device identity yet: run "sakta identity" or pair first.');
    return id;
  }

  /** Lends the secret keys to `fn`, then zeroes them (also the copies SQLite handed over). */
  withSecrets<T>(db: ReadDb, fn: (s: IdentitySecrets) => T): T {
    const r = prep(db, 'SELECT device_id, sign_public, sign_secret, box_public, box_secret FROM device_identity WHERE id = 1').get() as IdentityRow | undefined;
    if (!r) throw new SaktaError('NOT_FOUND', 'This vault has no device identity yet: run "sakta identity" or pair first.');
    try {
      return fn({ deviceId: r.device_id, signPublic: r.sign_public, boxPublic: r.box_public, signSecret: r.sign_secret, boxSecret: r.box_secret });
    } finally {
      this.crypto.memzero(r.sign_secret);
      this.crypto.memzero(r.box_secret);
    }
  }

  static info(id: PublicIdentity): IdentityInfo {
    return { deviceId: id.deviceId, signPublic: b64(id.signPublic), boxPublic: b64(id.boxPublic) };
  }
}

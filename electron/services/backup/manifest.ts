import { SaktaError } from '../../../shared/errors';
import { MANIFEST_MAGIC, ManifestBodySchema, ManifestSecretsSchema, type ManifestBody, type ManifestSecrets } from '../../../shared/schemas/backup';
import { AEAD_NONCE_BYTES, type Crypto } from '../../crypto/types';
import { b64, fromB64, utf8 } from '../../base/encoding';
import { snapshotTime } from './layout';

/**
 * The manifest file, three lines of text:
 *   SAKTA-BACKUP-MANIFEST 1
 *   {"format":"sakta-backup",...}          (the body, one line of JSON; counts, time, audit head sealed)
 *   ed25519:<base64 signature over "sakta-backup-manifest|v1|" + the JSON line's UTF-8 bytes>
 * The signature covers the exact bytes on disk, so no canonical re-serialisation is needed to check it.
 */
const signedMessage = (jsonLine: string) => utf8(`sakta-backup-manifest|v1|${jsonLine}`);

export function serializeManifest(crypto: Crypto, body: ManifestBody, signingSecretKey: Uint8Array): Buffer {
  const json = JSON.stringify(ManifestBodySchema.parse(body));
  const sig = b64(crypto.signDetached(signedMessage(json), signingSecretKey));
  return Buffer.from(`${MANIFEST_MAGIC}\n${json}\ned25519:${sig}\n`, 'utf8');
}

export interface ParsedManifest {
  body: ManifestBody;
  /** Whether the signature verified under the given public key. */
  signatureOk: boolean;
}

/** Parses and checks the signature; INTEGRITY when the file is not a manifest at all. */
export function parseManifest(crypto: Crypto, bytes: Buffer, publicKey: Uint8Array, name = 'manifest'): ParsedManifest {
  const bad = (why: string) => new SaktaError('INTEGRITY', `The backup ${name} is damaged or was altered (${why}).`);
  if (bytes.length > 512 * 1024 * 1024) throw bad('too large');
  const lines = bytes.toString('utf8').split('\n');
  if (lines.length !== 4 || lines[3] !== '' || lines[0] !== MANIFEST_MAGIC) throw bad('structure');
  const json = lines[1]!;
  const m = /^ed25519:([A-Za-z0-9+/]{86}==)$/.exec(lines[2]!);
  if (!m) throw bad('signature line');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw bad('not JSON');
  }
  const parsed = ManifestBodySchema.safeParse(raw);
  if (!parsed.success) throw bad(`field ${parsed.error.issues[0]?.path.join('.') || '?'}`);
  const signatureOk = crypto.signVerifyDetached(fromB64(m[1]!), signedMessage(json), publicKey);
  return { body: parsed.data, signatureOk };
}

const sealedAd = (vaultId: string, snapshot: string) => utf8(`sakta-backup-sealed|v1|${vaultId}|${snapshot}`);

/** Encrypts a snapshot's counts, time and audit head under the backup subkey, bound to vault and snapshot. */
export function sealSecrets(crypto: Crypto, backupKey: Uint8Array, vaultId: string, snapshot: string, secrets: ManifestSecrets): { nonce: string; box: string } {
  const nonce = crypto.randomBytes(AEAD_NONCE_BYTES);
  const box = crypto.aeadEncrypt(utf8(JSON.stringify(ManifestSecretsSchema.parse(secrets))), sealedAd(vaultId, snapshot), nonce, backupKey);
  return { nonce: b64(nonce), box: b64(box) };
}

/**
 * The sealed part of a manifest, or null when it does not decrypt (another key, or altered). Version 1
 * manifests kept these in clear and carry no audit head.
 */
export function openSecrets(crypto: Crypto, backupKey: Uint8Array, body: ManifestBody): ManifestSecrets | null {
  if (body.version === 1) return { createdAt: body.createdAt, schemaVersion: body.schemaVersion, counts: body.counts, auditHead: null };
  const plain = crypto.aeadDecrypt(fromB64(body.sealed.box), sealedAd(body.vaultId, body.snapshot), fromB64(body.sealed.nonce), backupKey);
  if (!plain) return null;
  try {
    const r = ManifestSecretsSchema.safeParse(JSON.parse(Buffer.from(plain).toString('utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** "2025-03-01T09-30-00-123Z" → "2025-03-01T09:30:00.123Z": the one time a manifest shows is its name. */
export function snapshotIso(name: string): string | null {
  const t = snapshotTime(name);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

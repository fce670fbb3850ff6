import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SaktaError } from '../../shared/errors';
import { writeFileAtomic } from './fs-atomic';

/**
 * The vault header (`vault.header`), specified in docs/vault-format.md. Three lines of ASCII:
 *   SAKTA-VAULT-HEADER 1
 *   {"format":"sakta-vault",...}            (the body: JSON, one line)
 *   sha256:<64 hex of the exact bytes of lines 1 and 2, newlines included>
 * Any flipped byte breaks the structure, the JSON, the schema or the checksum: INTEGRITY, never a guess.
 */
export const HEADER_FILE = 'vault.header';
export const HEADER_MAGIC = 'SAKTA-VAULT-HEADER 1';
export const FORMAT_VERSION = 1;

const B64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

// Bounds that a genuine header never leaves; outside them a header is damaged or hostile (a 1 TB memlimit).
export const KDF_BOUNDS = { opsMin: 1, opsMax: 20, memMin: 8 * 1024, memMax: 4 * 1024 * 1024 * 1024 } as const;

export const Argon2idParamsSchema = z.strictObject({
  algorithm: z.literal('argon2id13'),
  opslimit: z.number().int().min(KDF_BOUNDS.opsMin).max(KDF_BOUNDS.opsMax),
  memlimit: z.number().int().min(KDF_BOUNDS.memMin).max(KDF_BOUNDS.memMax),
  salt: B64.length(24), // 16 bytes
  profile: z.enum(['standard', 'high-risk', 'test']),
});
export type Argon2idParams = z.infer<typeof Argon2idParamsSchema>;

export const SlotSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('passphrase'), kdf: Argon2idParamsSchema, nonce: B64.length(32), wrappedKey: B64.length(64) }),
  z.strictObject({
    kind: z.literal('recovery'),
    kdf: z.strictObject({ algorithm: z.literal('blake2b-recovery-v1') }),
    nonce: B64.length(32),
    wrappedKey: B64.length(64),
  }),
]);
export type Slot = z.infer<typeof SlotSchema>;

export const HeaderBodySchema = z.strictObject({
  format: z.literal('sakta-vault'),
  formatVersion: z.number().int().min(1),
  vaultId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  createdAt: z.string().datetime(),
  signingPublicKey: B64.length(44), // Ed25519, 32 bytes
  slots: z.array(SlotSchema).min(1).max(8),
});
export type HeaderBody = z.infer<typeof HeaderBodySchema>;

const integrity = (detail: string) => new SaktaError('INTEGRITY', `The vault header is damaged or was altered (${detail}). The vault was not opened.`);

export function serializeHeader(body: HeaderBody): Buffer {
  // Key order is fixed by construction (the schema's order), so the bytes are reproducible.
  const ordered: HeaderBody = {
    format: body.format,
    formatVersion: body.formatVersion,
    vaultId: body.vaultId,
    createdAt: body.createdAt,
    signingPublicKey: body.signingPublicKey,
    slots: body.slots,
  };
  const signed = `${HEADER_MAGIC}\n${JSON.stringify(ordered)}\n`;
  const sum = createHash('sha256').update(signed, 'utf8').digest('hex');
  return Buffer.from(`${signed}sha256:${sum}\n`, 'utf8');
}

export function parseHeader(bytes: Buffer): HeaderBody {
  if (bytes.length > 64 * 1024) throw integrity('too large');
  const text = bytes.toString('latin1');
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw integrity('structure');
  const [magic, json, sumLine] = lines as [string, string, string];
  if (magic !== HEADER_MAGIC) {
    if (/^SAKTA-VAULT-HEADER \d+$/.test(magic)) {
      throw new SaktaError('FORMAT_TOO_NEW', 'This vault was written by a newer version of Sakta. Update Sakta to open it; nothing was changed.');
    }
    throw integrity('magic');
  }
  const m = /^sha256:([0-9a-f]{64})$/.exec(sumLine);
  if (!m) throw integrity('checksum line');
  const expected = createHash('sha256').update(bytes.subarray(0, magic.length + json.length + 2)).digest('hex');
  if (expected !== m[1]) throw integrity('checksum mismatch');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(json, 'latin1').toString('utf8'));
  } catch {
    throw integrity('body is not JSON');
  }
  const version = (raw as { formatVersion?: unknown })?.formatVersion;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new SaktaError('FORMAT_TOO_NEW', `This vault uses format ${version}; this Sakta reads up to format ${FORMAT_VERSION}. Update Sakta to open it; nothing was changed.`);
  }
  const parsed = HeaderBodySchema.safeParse(raw);
  if (!parsed.success) throw integrity(`field ${parsed.error.issues[0]?.path.join('.') || '?'}`);
  const kinds = parsed.data.slots.map((s) => s.kind);
  if (kinds.filter((k) => k === 'passphrase').length !== 1 || kinds.filter((k) => k === 'recovery').length > 1) throw integrity('slots');
  return parsed.data;
}

export function readHeader(file: string): HeaderBody {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new SaktaError('VAULT_NOT_FOUND', 'No vault was found in that folder.');
    throw new SaktaError('IO_ERROR', 'The vault header could not be read.');
  }
  return parseHeader(bytes);
}

export function writeHeader(file: string, body: HeaderBody): void {
  writeFileAtomic(file, serializeHeader(body), 'the vault header');
}

/**
 * Additional data bound to a wrapped master key: the format version, the vault id, the slot kind and
 * every KDF parameter. Changing any of them makes the unwrap fail.
 */
export function slotAd(body: Pick<HeaderBody, 'formatVersion' | 'vaultId'>, slot: Pick<Slot, 'kind' | 'kdf'>): Uint8Array {
  const kdf = slot.kdf;
  const kdfPart = kdf.algorithm === 'argon2id13' ? `argon2id13|${kdf.opslimit}|${kdf.memlimit}|${kdf.salt}|${kdf.profile}` : kdf.algorithm;
  return new Uint8Array(Buffer.from(`sakta-vault|v${body.formatVersion}|${body.vaultId}|${slot.kind}|${kdfPart}`, 'utf8'));
}

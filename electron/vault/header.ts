import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { SaktaError } from '../../shared/errors';

/**
 * The vault header (`vault.header`, HEADER_FILE in layout.ts), specified in docs/vault-format.md §2.
 *
 * Format 2: a file of exactly two fixed-size areas (8192 bytes each). Each area holds one header text
 *   SAKTA-VAULT-HEADER 2
 *   {"format":"sakta-vault","formatVersion":2,"generation":N,...}   (the body: JSON, one line)
 *   sha256:<64 hex of the exact bytes of lines 1 and 2, newlines included>
 * padded with zero bytes, or random bytes (an erased area). The current header is the valid area with the
 * highest generation. A change writes the other area, fsyncs, then overwrites the old area with random
 * bytes in place (header-file.ts), so no superseded key slot is left behind in a renamed-away file.
 *
 * Format 1 (before key rotation): the whole file is one header text with magic `SAKTA-VAULT-HEADER 1`.
 * It reads as area 0 of generation 0, which is how the in-place migration to format 2 starts.
 * Any flipped byte breaks the structure, the JSON, the schema or the checksum: INTEGRITY, never a guess.
 */
export const HEADER_MAGIC_PREFIX = 'SAKTA-VAULT-HEADER ';
export const HEADER_MAGIC = `${HEADER_MAGIC_PREFIX}2`;
export const FORMAT_VERSION = 2;
export const HEADER_AREA_BYTES = 8192;
export const HEADER_FILE_BYTES = 2 * HEADER_AREA_BYTES;

const B64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

// What a header may say at all; outside it a header is damaged or hostile (a 1 TB memlimit).
export const KDF_BOUNDS = { opsMin: 1, opsMax: 20, memMin: 8 * 1024, memMax: 4 * 1024 * 1024 * 1024 } as const;
/** The floor below which a header is refused unless the test suite asked for the fast profile. */
export const KDF_FLOOR = { opsMin: 3, memMin: 256 * 1024 * 1024 } as const;

/** The fast "test" KDF profile exists only for the test suite: SAKTA_TEST_FAST_KDF=1. */
export const testKdfAllowed = (): boolean => process.env.SAKTA_TEST_FAST_KDF === '1';

export const Argon2idParamsSchema = z.strictObject({
  algorithm: z.literal('argon2id13'),
  opslimit: z.number().int().min(KDF_BOUNDS.opsMin).max(KDF_BOUNDS.opsMax),
  memlimit: z.number().int().min(KDF_BOUNDS.memMin).max(KDF_BOUNDS.memMax),
  salt: B64.length(24), // 16 bytes
  profile: z.enum(['standard', 'high-risk', 'test']),
});
export type Argon2idParams = z.infer<typeof Argon2idParamsSchema>;

const wrapped = { nonce: B64.length(32), wrappedKey: B64.length(64) };
const PassphraseSlotSchema = z.strictObject({ kind: z.literal('passphrase'), kdf: Argon2idParamsSchema, ...wrapped });
const LegacyRecoveryKdf = z.strictObject({ algorithm: z.literal('blake2b-recovery-v1') });
/** Format 2: the recovery key is an X25519 keypair, so a new master key can be sealed to it without it. */
const SealedRecoveryKdf = z.strictObject({
  algorithm: z.literal('x25519-sealed-v1'),
  publicKey: B64.length(44), // 32 bytes
  sealedKek: B64.length(108), // crypto_box_seal of a 32-byte KEK: 80 bytes
});
const RecoverySlotSchema = z.strictObject({ kind: z.literal('recovery'), kdf: z.discriminatedUnion('algorithm', [LegacyRecoveryKdf, SealedRecoveryKdf]), ...wrapped });
/** Present only while a key rotation is being completed: the previous master key, wrapped by the new one. */
const PreviousMasterSlotSchema = z.strictObject({ kind: z.literal('previous-master'), kdf: z.strictObject({ algorithm: z.literal('master-subkey-v1') }), ...wrapped });

export const SlotSchema = z.discriminatedUnion('kind', [PassphraseSlotSchema, RecoverySlotSchema, PreviousMasterSlotSchema]);
export type Slot = z.infer<typeof SlotSchema>;
export type PassphraseSlot = z.infer<typeof PassphraseSlotSchema>;
export type RecoverySlot = z.infer<typeof RecoverySlotSchema>;
export const SLOT_KINDS = ['passphrase', 'recovery', 'previous-master'] as const;

const common = {
  format: z.literal('sakta-vault'),
  vaultId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  createdAt: z.string().datetime(),
  signingPublicKey: B64.length(44), // Ed25519, 32 bytes
};
const V1BodySchema = z.strictObject({
  format: common.format,
  formatVersion: z.literal(1),
  vaultId: common.vaultId,
  createdAt: common.createdAt,
  signingPublicKey: common.signingPublicKey,
  slots: z.array(z.discriminatedUnion('kind', [PassphraseSlotSchema, z.strictObject({ kind: z.literal('recovery'), kdf: LegacyRecoveryKdf, ...wrapped })])).min(1).max(8),
});
const V2BodySchema = z.strictObject({
  format: common.format,
  formatVersion: z.literal(2),
  generation: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  vaultId: common.vaultId,
  createdAt: common.createdAt,
  signingPublicKey: common.signingPublicKey,
  slots: z.array(SlotSchema).min(1).max(8),
});

/** A header of either format; format 1 has no generation field and counts as generation 0. */
export interface HeaderBody {
  format: 'sakta-vault';
  formatVersion: 1 | 2;
  generation: number;
  vaultId: string;
  createdAt: string;
  signingPublicKey: string;
  slots: Slot[];
}

const integrity = (detail: string) => new SaktaError('INTEGRITY', `The vault header is damaged or was altered (${detail}). The vault was not opened.`);
const tooNew = (what: string) => new SaktaError('FORMAT_TOO_NEW', `This vault uses ${what}, written by a newer version of Sakta. Update Sakta to open it; nothing was changed.`);

/** The text of one area (format 2). Key order is fixed, so the bytes are reproducible. */
export function serializeHeader(body: HeaderBody): Buffer {
  if (body.formatVersion !== 2) throw new Error('only format 2 headers are written');
  const ordered = {
    format: body.format,
    formatVersion: 2,
    generation: body.generation,
    vaultId: body.vaultId,
    createdAt: body.createdAt,
    signingPublicKey: body.signingPublicKey,
    slots: body.slots,
  };
  const signed = `${HEADER_MAGIC}\n${JSON.stringify(ordered)}\n`;
  const sum = createHash('sha256').update(signed, 'utf8').digest('hex');
  const text = Buffer.from(`${signed}sha256:${sum}\n`, 'utf8');
  if (text.length > HEADER_AREA_BYTES) throw new Error('header text larger than its area');
  return text;
}

/**
 * Parses one header text (the bytes of an area, or a whole format-1 file). The text ends at its third
 * newline; everything after it must be zero bytes (an area's padding).
 */
export function parseHeaderText(bytes: Buffer): HeaderBody {
  let end = -1;
  for (let n = 0, i = 0; n < 3; n++, i = end + 1) {
    end = bytes.indexOf(0x0a, i);
    if (end < 0) throw integrity('structure');
  }
  // Padding is zero bytes: a flipped byte anywhere in the area is damage, not something to skip over.
  for (let i = end + 1; i < bytes.length; i++) if (bytes[i] !== 0) throw integrity('padding');
  const text = bytes.subarray(0, end + 1).toString('latin1');
  const [magic, json, sumLine] = text.split('\n') as [string, string, string];
  const version = /^SAKTA-VAULT-HEADER (\d+)$/.exec(magic);
  if (!version) throw integrity('magic');
  if (Number(version[1]) > FORMAT_VERSION) throw tooNew(`header layout ${version[1]}`);
  if (version[1] !== '1' && version[1] !== '2') throw integrity('magic');
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
  const fv = (raw as { formatVersion?: unknown })?.formatVersion;
  if (typeof fv === 'number' && fv > FORMAT_VERSION) throw tooNew(`format ${fv}; this Sakta reads up to format ${FORMAT_VERSION}`);
  if (fv !== Number(version[1])) throw integrity('format version differs from the magic');
  let body: HeaderBody;
  if (fv === 1) {
    const parsed = V1BodySchema.safeParse(raw);
    if (!parsed.success) throw integrity(`field ${parsed.error.issues[0]?.path.join('.') || '?'}`);
    body = { ...parsed.data, generation: 0 };
  } else {
    // An unknown slot kind means a newer Sakta wrote this header: refuse rather than drop a slot we do not understand.
    const slots = (raw as { slots?: unknown }).slots;
    if (Array.isArray(slots) && slots.some((s) => !(SLOT_KINDS as readonly unknown[]).includes((s as { kind?: unknown })?.kind))) throw tooNew('a key slot kind');
    const parsed = V2BodySchema.safeParse(raw);
    if (!parsed.success) throw integrity(`field ${parsed.error.issues[0]?.path.join('.') || '?'}`);
    body = parsed.data;
  }
  const count = (k: Slot['kind']) => body.slots.filter((s) => s.kind === k).length;
  if (count('passphrase') !== 1 || count('recovery') > 1 || count('previous-master') > 1) throw integrity('slots');
  checkKdfFloor(body);
  return body;
}

/** Parameters below the standard profile are a downgrade (someone wants cheap guesses), unless testing. */
function checkKdfFloor(body: HeaderBody): void {
  const slot = passphraseSlot(body);
  if (testKdfAllowed()) return;
  if (slot.kdf.profile === 'test' || slot.kdf.opslimit < KDF_FLOOR.opsMin || slot.kdf.memlimit < KDF_FLOOR.memMin) {
    throw integrity('key-derivation parameters below the standard floor');
  }
}

export function passphraseSlot(body: HeaderBody): PassphraseSlot {
  const slot = body.slots.find((s) => s.kind === 'passphrase');
  if (!slot || slot.kind !== 'passphrase') throw integrity('no passphrase slot');
  return slot;
}

export interface HeaderState {
  /** The current header: the valid area with the highest generation. */
  body: HeaderBody;
  /** Which area holds it (a format-1 file is area 0). */
  area: 0 | 1;
  /** Bytes in the file (a format-1 file is shorter than two areas). */
  fileSize: number;
}

/**
 * Reads the header file: pads it with zero bytes to two areas, parses each, and keeps the valid one with
 * the highest generation. An area that does not parse is empty (erased, superseded or torn by a crash).
 */
export function parseHeaderFile(bytes: Buffer): HeaderState {
  if (bytes.length > HEADER_FILE_BYTES) throw integrity('too large');
  const padded = Buffer.alloc(HEADER_FILE_BYTES);
  bytes.copy(padded);
  const found: { body: HeaderBody; area: 0 | 1 }[] = [];
  let firstError: SaktaError | null = null;
  for (const area of [0, 1] as const) {
    try {
      found.push({ body: parseHeaderText(padded.subarray(area * HEADER_AREA_BYTES, (area + 1) * HEADER_AREA_BYTES)), area });
    } catch (e) {
      if (!(e instanceof SaktaError)) throw e;
      // A "too new" area wins over a random one; otherwise report the area that looked like a header.
      if (e.code === 'FORMAT_TOO_NEW' || !firstError) firstError = e;
      else if (firstError.code !== 'FORMAT_TOO_NEW' && padded.subarray(area * HEADER_AREA_BYTES).toString('latin1').startsWith(HEADER_MAGIC_PREFIX)) firstError = e;
    }
  }
  if (found.length === 0) throw firstError ?? integrity('no header');
  if (found.length === 2 && found[0]!.body.generation === found[1]!.body.generation) throw integrity('two headers of the same generation');
  if (found.length === 2 && found[0]!.body.vaultId !== found[1]!.body.vaultId) throw integrity('two headers of different vaults');
  const best = found.reduce((a, b) => (b.body.generation > a.body.generation ? b : a));
  return { body: best.body, area: best.area, fileSize: bytes.length };
}

/** The current header body of a header file's bytes (either format). */
export function parseHeader(bytes: Buffer): HeaderBody {
  return parseHeaderFile(bytes).body;
}

export function readHeaderState(file: string): HeaderState {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new SaktaError('VAULT_NOT_FOUND', 'No vault was found in that folder.');
    throw new SaktaError('IO_ERROR', 'The vault header could not be read.');
  }
  return parseHeaderFile(bytes);
}

export function readHeader(file: string): HeaderBody {
  return readHeaderState(file).body;
}

/**
 * Additional data bound to a wrapped key: the format version, the vault id, the slot kind and every KDF
 * parameter. Changing any of them makes the unwrap fail. A format-1 recovery slot carried into format 2
 * keeps its format-1 string (it cannot be re-wrapped without the recovery key).
 */
export function slotAd(body: Pick<HeaderBody, 'formatVersion' | 'vaultId'>, slot: Pick<Slot, 'kind' | 'kdf'>): Uint8Array {
  const kdf = slot.kdf;
  let kdfPart: string;
  let version = body.formatVersion;
  if (kdf.algorithm === 'argon2id13') kdfPart = `argon2id13|${kdf.opslimit}|${kdf.memlimit}|${kdf.salt}|${kdf.profile}`;
  else if (kdf.algorithm === 'x25519-sealed-v1') kdfPart = `x25519-sealed-v1|${kdf.publicKey}`;
  else {
    kdfPart = kdf.algorithm;
    if (kdf.algorithm === 'blake2b-recovery-v1') version = 1;
  }
  return new Uint8Array(Buffer.from(`sakta-vault|v${version}|${body.vaultId}|${slot.kind}|${kdfPart}`, 'utf8'));
}

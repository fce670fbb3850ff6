import { z } from 'zod';
import { requiredText } from './common';

/**
 * Shared cases (issue 18): what travels through the sync folder, validated on every read (a folder is written
 * by others and by whatever carries it), and what the CLI and the app show. Byte layouts: docs/sync-folder.md.
 */

/** Standard base64 of exactly n bytes (its length and padding follow from n). */
const b64Bytes = (n: number) => {
  const pad = (3 - (n % 3)) % 3;
  return z.string().regex(new RegExp(`^[A-Za-z0-9+/]{${4 * Math.ceil(n / 3) - pad}}={${pad}}$`), `must be ${n} bytes in base64`);
};
export const DeviceIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not a device id');
const Hash = z.string().regex(/^[0-9a-f]{64}$/);

/** A pairing offer: a device's public keys, signed by its own signing key. No name: names are local labels. */
export const OfferFileSchema = z.strictObject({
  v: z.literal(1),
  signPublic: b64Bytes(32),
  boxPublic: b64Bytes(32),
  signature: b64Bytes(64),
});
export type OfferFile = z.output<typeof OfferFileSchema>;

/** Where a device's Syncthing is reached: its device id (8 groups of 7 base32) and a listen address. */
export const EngineContactSchema = z.strictObject({
  device: z.string().regex(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/, 'Not a Syncthing device id'),
  address: z.string().max(200).regex(/^(tcp|tcp4|tcp6|quic|quic4|quic6):\/\/[\w.:[\]-]+$/, 'Not a listen address such as tcp://0.0.0.0:22000'),
});
export type EngineContact = z.output<typeof EngineContactSchema>;

/**
 * Version 2 of the offer: version 1 plus the device's Syncthing contact, covered by the same signature, so the
 * peer adds the right daemon (a contact changed by whoever can write to the pairing folder breaks the signature).
 */
export const OfferFileV2Schema = z.strictObject({
  v: z.literal(2),
  signPublic: b64Bytes(32),
  boxPublic: b64Bytes(32),
  engine: EngineContactSchema,
  signature: b64Bytes(64),
});

export const MemberKeysSchema = z.strictObject({ deviceId: DeviceIdSchema, signPublic: b64Bytes(32), boxPublic: b64Bytes(32) });
export type MemberKeys = z.output<typeof MemberKeysSchema>;

/** The sealed body of a key envelope: a case's keys up to `epoch` and who its members are from then on. */
export const EnvelopeBodySchema = z.strictObject({
  v: z.literal(1),
  caseId: z.uuid(),
  epoch: z.number().int().min(1),
  /** Every epoch key the sender holds, so a member added later can read the history. */
  keys: z.array(z.strictObject({ epoch: z.number().int().min(1), key: b64Bytes(32) })).min(1).max(10_000),
  members: z.array(MemberKeysSchema).min(1).max(1000),
  /**
   * Removed devices, with their keys (so a member who learns of the case later still takes their earlier
   * segments): refused from `epoch` on, and any of their segments with a counter above `afterCounter`.
   */
  removed: z.array(MemberKeysSchema.extend({ epoch: z.number().int().min(2), afterCounter: z.number().int().min(0) })).max(1000),
  signer: DeviceIdSchema,
  at: z.string().max(40),
  /** The case's Syncthing folder id (absent when the case is shared through a plain folder only). */
  syncFolder: z.string().regex(/^[0-9a-f]{20}$/).optional(),
});
export type EnvelopeBody = z.output<typeof EnvelopeBodySchema>;

/** A document's stored file in the folder: everything needed to take it in travels only in a sealed segment. */
export const BlobOfferSchema = z.strictObject({
  blobId: z.string().regex(/^[0-9a-f]{32}$/),
  /** File name in the folder (random, unrelated to the blob id). */
  file: z.string().regex(/^[0-9a-f]{32}\.skf$/),
  plainSize: z.number().int().min(0),
  cipherSize: z.number().int().min(54),
  sha256: Hash,
  /** The raw per-blob key (base64); the receiver wraps it under its own blobs subkey. */
  key: b64Bytes(32),
});
export type BlobOffer = z.output<typeof BlobOfferSchema>;

/** The signed body of a segment. */
export const SegmentBodySchema = z.strictObject({
  v: z.literal(1),
  caseId: z.uuid(),
  epoch: z.number().int().min(1),
  author: DeviceIdSchema,
  counter: z.number().int().min(1),
  hlc: z.string().max(64),
  /** Hash of the author's previous segment in this case; null for counter 1. */
  prev: Hash.nullable(),
  changes: z.array(z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)).max(1_000_000),
  blobs: z.array(BlobOfferSchema).max(10_000),
  /**
   * What its author had applied when it wrote it: the last counter of each other member's segments in this case.
   * Its members' acknowledgements, which tell an author when its segments may be compacted into a snapshot.
   */
  seen: z.record(DeviceIdSchema, z.number().int().min(0)).optional(),
});
export type SegmentBody = z.output<typeof SegmentBodySchema>;

/**
 * The signed body of a snapshot: an author's segments 1…`upTo` of a case compacted into one file, once every
 * member acknowledged them. It carries the author's own changes of those segments (each once), the stored files
 * they announced, and the hash of segment `upTo`, so the author's next segment (`prev`) follows it.
 */
export const SnapshotBodySchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('snapshot'),
  caseId: z.uuid(),
  epoch: z.number().int().min(1),
  author: DeviceIdSchema,
  upTo: z.number().int().min(1),
  last: Hash,
  hlc: z.string().max(64),
  changes: z.array(z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)).max(1_000_000),
  blobs: z.array(BlobOfferSchema).max(100_000),
  seen: z.record(DeviceIdSchema, z.number().int().min(0)),
});
export type SnapshotBody = z.output<typeof SnapshotBodySchema>;

/**
 * What reading a folder found that was not applied. Codes are stable (tests and the UI key on them):
 * - rejected, never applied: UNREADABLE (no key of ours opens it: damaged, or for a case this device is not in),
 *   MALFORMED, BAD_SIGNATURE, NOT_MEMBER, REMOVED_MEMBER, WRONG_EPOCH_KEY, BROKEN_CHAIN (its `prev` is not the
 *   author's previous segment), FORK (two different segments with one counter);
 * - ignored: REPLAY (a counter already applied: a copied or replayed file);
 * - waiting: GAP (an earlier segment of that author has not arrived; held until it does);
 * - ROLLBACK: the folder lost segments this device had already applied (an older copy was put back).
 */
export const SYNC_REPORT_CODES = [
  'UNREADABLE',
  'MALFORMED',
  'BAD_SIGNATURE',
  'NOT_MEMBER',
  'REMOVED_MEMBER',
  'WRONG_EPOCH_KEY',
  'BROKEN_CHAIN',
  'FORK',
  'REPLAY',
  'GAP',
  'ROLLBACK',
  /** A document's stored file announced in a segment has not arrived in the folder yet (or arrived damaged). */
  'BLOB_WAITING',
  /** A change of a shared case that was removed from this vault: not applied (the case stays removed here). */
  'CASE_REMOVED_HERE',
] as const;
export type SyncReportCode = (typeof SYNC_REPORT_CODES)[number];

export interface SyncReport {
  code: SyncReportCode;
  /** The folder file concerned (a random name), when there is one. */
  file: string | null;
  caseId: string | null;
  author: string | null;
  counter: number | null;
  message: string;
}

/** A local label for a paired device: one line, no control characters. */
export const PeerNameSchema = requiredText(100, 'Give the device a name');

export interface PeerInfo {
  deviceId: string;
  name: string;
  pairedAt: string;
}

export interface MemberInfo {
  deviceId: string;
  /** The local name of the peer, "this device" for self, null for a member vouched for by another member. */
  name: string | null;
  self: boolean;
  status: 'active' | 'removed';
  addedEpoch: number;
  removedEpoch: number | null;
}

export interface IdentityInfo {
  deviceId: string;
  signPublic: string;
  boxPublic: string;
}

export interface OfferInfo {
  file: string;
  deviceId: string;
  /** The code both screens show: 12 groups of 5 digits. */
  safetyCode: string;
  /** Already a paired peer here, under this name. */
  pairedAs: string | null;
}

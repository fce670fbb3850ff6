import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { SaktaError } from '../../shared/errors';
import type { LockReason } from '../../shared/ipc/events';
import type { KdfProfile, VaultInfo, VaultStatus } from '../../shared/schemas/vault';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES } from '../crypto/types';
import { checkDbIntegrity, knownDbError, openEncryptedDb, rekeyEncryptedDb, type WriteDb } from '../db/connection';
import { checkWal } from '../db/wal-check';
import { latestSchemaVersion, migrate, MIGRATIONS, schemaVersion, type Migration } from '../db/migrations';
import { b64, passphraseBytes } from '../base/encoding';
import { ensureDir, ioError } from '../base/fs-atomic';
import { FORMAT_VERSION, passphraseSlot, readHeaderState, testKdfAllowed, type HeaderBody, type HeaderState, type RecoverySlot, type Slot } from '../vault/header';
import { commitHeader, createHeaderFile } from '../vault/header-file';
import {
  deriveKeys,
  newArgon2Params,
  passphraseKek,
  previousMasterKek,
  recoveryKeypair,
  recoverySlotKek,
  sealRecoverySlot,
  unwrapSlot,
  wrapSlot,
  zeroKeys,
  type VaultKeys,
} from '../vault/keys';
import { vaultPaths, type VaultPaths } from '../vault/layout';
import { assertStrongPassphrase } from '../vault/passphrase-policy';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_SECRET_BYTES } from '../vault/recovery-key';
import { AuditLog } from './audit/audit-log';
import { databaseMaster, MASTER_META_KEY, rewrapForNewMaster, type RotationReason } from './keys/rotation-db';

/** What other services get while the vault is open. */
export interface VaultSession {
  readonly vaultId: string;
  readonly paths: VaultPaths;
  readonly db: WriteDb;
  readonly keys: VaultKeys;
  readonly audit: AuditLog;
  readonly header: HeaderBody;
}

export type OpenHook = (session: VaultSession) => void;
export type LockListener = (reason: LockReason) => void;

export interface VaultServiceDeps {
  dir: string;
  crypto: Crypto;
  now?: () => Date;
  migrations?: Migration[];
  /** Run after every unlock (orphan clean-up, background jobs). */
  openHooks?: OpenHook[];
  /** Allows the fast "test" KDF profile; only the test suite sets it (with SAKTA_TEST_FAST_KDF=1). */
  allowTestKdf?: boolean;
}

/** Where a key rotation is; the CLI prints it and the app shows it. */
export interface RotationProgress {
  step: 'deriving' | 'header' | 'documents' | 'database' | 'finishing' | 'done';
  done?: number;
  total?: number;
}

export interface RotationOptions {
  onProgress?: (p: RotationProgress) => void;
  /** Honoured until the new header is written; after that the rotation completes (or resumes at next open). */
  signal?: AbortSignal;
}

export interface RotationResult {
  /** A new recovery key, shown once, when the rotation made one (recovery-key --new, or a format-1 key). */
  recoveryKey?: string;
  /** Why a new recovery key was made without being asked: the format-1 key could not follow the new master key. */
  recoveryKeyReplaced?: 'format-1';
  documentsRewrapped: number;
}

/** What a new header must hold after a rotation. */
interface RotationSpec {
  reason: RotationReason;
  passphrase: string;
  profile: KdfProfile | 'test';
  /** keep: the same recovery key keeps working; new: a new one (the old one is revoked). */
  recovery: 'keep' | 'new';
  /** The recovery secret when the caller has it (recover): a format-1 slot can then be kept. */
  recoverySecret?: Uint8Array;
  /** Leave the vault unlocked afterwards even if it was locked before (recover opens the vault). */
  keepOpen?: boolean;
}

/** What an old copy of the header still opens after a rotation; the CLI and the app say it in these words. */
export const OLD_HEADER_NOTE =
  'An old copy of the vault header (from a backup or an earlier disk image) still opens, with the old passphrase or recovery key, ' +
  'only the old copy of the database saved with it and the stored documents whose files have not changed since; ' +
  'nothing written after this change. Run "sakta rotate-keys --reencrypt-documents" if the old database may have been copied.';

export class VaultService {
  private session: VaultSession | null = null;
  private readonly lockListeners = new Set<LockListener>();
  private readonly paths: VaultPaths;
  private readonly openHooks: OpenHook[];

  constructor(private readonly deps: VaultServiceDeps) {
    this.paths = vaultPaths(deps.dir);
    this.openHooks = [...(deps.openHooks ?? [])];
  }

  get crypto(): Crypto {
    return this.deps.crypto;
  }

  addOpenHook(hook: OpenHook): void {
    this.openHooks.push(hook);
  }

  onLock(listener: LockListener): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  status(): VaultStatus {
    return { exists: fs.existsSync(this.paths.header), unlocked: this.session !== null };
  }

  /** The open session, or VAULT_LOCKED. Services call this on every request. */
  current(): VaultSession {
    if (!this.session) throw new SaktaError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return this.session;
  }

  private profileFor(profile: KdfProfile | 'test'): KdfProfile | 'test' {
    return this.deps.allowTestKdf && testKdfAllowed() ? 'test' : profile === 'test' ? 'standard' : profile;
  }

  /** Creates a vault in an empty (or new) folder and leaves it unlocked. Returns the recovery key, shown once. */
  async create(passphrase: string, profile: KdfProfile = 'standard'): Promise<{ recoveryKey: string }> {
    const { crypto } = this.deps;
    assertStrongPassphrase(passphrase);
    if (fs.existsSync(this.paths.header)) throw new SaktaError('VAULT_EXISTS', 'A vault already exists in that folder.');
    try {
      ensureDir(this.paths.dir);
      const leftovers = fs.readdirSync(this.paths.dir);
      if (leftovers.length > 0) throw new SaktaError('VAULT_EXISTS', 'That folder is not empty; choose an empty folder for a new vault.');
    } catch (e) {
      if (e instanceof SaktaError) throw e;
      throw ioError(e, 'the new vault');
    }

    const master = crypto.secureAlloc(KEY_BYTES);
    const fresh = crypto.randomBytes(KEY_BYTES);
    master.set(fresh);
    crypto.memzero(fresh); // the only copy left is the one in locked memory
    const recovery = crypto.randomBytes(RECOVERY_SECRET_BYTES);
    const pw = passphraseBytes(passphrase);
    const keys = deriveKeys(crypto, master);
    const base = { formatVersion: FORMAT_VERSION, vaultId: randomUUID() } as const;
    try {
      const kdf = newArgon2Params(crypto, this.profileFor(profile));
      const kek = await passphraseKek(crypto, pw, kdf);
      const rkp = recoveryKeypair(crypto, recovery);
      const slots: Slot[] = [wrapSlot(crypto, base, { kind: 'passphrase', kdf }, kek, master), sealRecoverySlot(crypto, base, rkp.publicKey, master)];
      crypto.memzero(kek);
      crypto.memzero(rkp.secretKey);
      const header: HeaderBody = {
        format: 'sakta-vault',
        ...base,
        generation: 1,
        createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
        signingPublicKey: b64(keys.signing.publicKey),
        slots,
      };
      // The database first, the header last: a folder without a header is not a vault, so a crash
      // during creation leaves nothing that could be mistaken for one.
      ensureDir(this.paths.blobs);
      ensureDir(this.paths.tmp);
      const db = openEncryptedDb(this.paths.db, keys.database);
      fs.chmodSync(this.paths.db, 0o600);
      try {
        migrate(db, this.deps.migrations ?? MIGRATIONS);
        db.prepare(`INSERT INTO meta (key, value) VALUES ('vault_id', ?)`).run(base.vaultId);
        db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(MASTER_META_KEY, header.signingPublicKey);
      } catch (e) {
        db.close();
        throw e;
      }
      createHeaderFile(this.paths.header, header);
      const recoveryKey = formatRecoveryKey(crypto, recovery);
      this.startSession(header, keys, db);
      return { recoveryKey };
    } catch (e) {
      if (!this.session) zeroKeys(crypto, keys);
      throw e;
    } finally {
      crypto.memzero(pw);
      crypto.memzero(recovery);
    }
  }

  async unlock(passphrase: string): Promise<VaultInfo> {
    if (this.session) return this.info();
    const state = this.readHeaderChecked();
    const { master, kek } = await this.unwrapWithPassphrase(state.body, passphrase);
    try {
      return this.openWithMaster(state, master, kek);
    } finally {
      this.deps.crypto.memzero(kek);
    }
  }

  /**
   * Opens with the recovery key and sets a new passphrase. The master key is rotated, so an old copy of
   * the header opens nothing written from now on; the same recovery key keeps working.
   */
  async recover(recoveryKeyText: string, newPassphrase: string, opts: RotationOptions = {}): Promise<VaultInfo> {
    const { crypto } = this.deps;
    const state = this.readHeaderChecked();
    const secret = parseRecoveryKey(crypto, recoveryKeyText);
    try {
      const slot = state.body.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
      if (!slot) throw new SaktaError('WRONG_RECOVERY_KEY', 'This vault has no recovery key.');
      const kek = recoverySlotKek(crypto, slot, secret);
      const master = kek ? unwrapSlot(crypto, state.body, slot, kek) : null;
      if (kek) crypto.memzero(kek);
      if (!master) throw new SaktaError('WRONG_RECOVERY_KEY', 'That recovery key does not open this vault.');
      try {
        assertStrongPassphrase(newPassphrase);
      } catch (e) {
        crypto.memzero(master);
        throw e;
      }
      const profile = this.currentProfile(state.body);
      await this.rotate(state, master, { reason: 'recovery', passphrase: newPassphrase, profile, recovery: 'keep', recoverySecret: secret, keepOpen: true }, opts);
    } finally {
      crypto.memzero(secret);
    }
    return this.info();
  }

  /** A new passphrase and a new master key; the recovery key stays valid (unless it was a format-1 key). */
  async changePassphrase(current: string, next: string, opts: RotationOptions = {}): Promise<RotationResult> {
    assertStrongPassphrase(next, 'next');
    const state = this.readHeaderChecked();
    const { master, kek } = await this.unwrapWithPassphrase(state.body, current);
    this.deps.crypto.memzero(kek);
    return this.rotate(state, master, { reason: 'passphrase', passphrase: next, profile: this.currentProfile(state.body), recovery: 'keep' }, opts);
  }

  /** The master key wrapped under a stronger or lighter KDF, with a new master key. */
  async setKdfProfile(passphrase: string, profile: KdfProfile, opts: RotationOptions = {}): Promise<VaultInfo> {
    const state = this.readHeaderChecked();
    const { master, kek } = await this.unwrapWithPassphrase(state.body, passphrase);
    this.deps.crypto.memzero(kek);
    const legacy = state.body.slots.some((s) => s.kind === 'recovery' && s.kdf.algorithm === 'blake2b-recovery-v1');
    if (legacy) {
      this.deps.crypto.memzero(master);
      // This path returns no new recovery key to show, and a format-1 key cannot follow the new master key.
      throw new SaktaError(
        'VALIDATION',
        'This vault still has a recovery key from format 1, which a key change would revoke. Change the passphrase or make a new recovery key first (it is shown to you then); nothing was changed.',
      );
    }
    await this.rotate(state, master, { reason: 'kdf-profile', passphrase, profile, recovery: 'keep' }, opts);
    return this.info();
  }

  /** `sakta rotate-keys`: same passphrase and recovery key, new master key. */
  async rotateKeys(passphrase: string, opts: RotationOptions = {}): Promise<RotationResult> {
    const state = this.readHeaderChecked();
    const { master, kek } = await this.unwrapWithPassphrase(state.body, passphrase);
    this.deps.crypto.memzero(kek);
    return this.rotate(state, master, { reason: 'rotate-keys', passphrase, profile: this.currentProfile(state.body), recovery: 'keep' }, opts);
  }

  /** `sakta recovery-key --new`: a new recovery key (returned once), the old one revoked, with a new master key. */
  async newRecoveryKey(passphrase: string, opts: RotationOptions = {}): Promise<RotationResult & { recoveryKey: string }> {
    const state = this.readHeaderChecked();
    const { master, kek } = await this.unwrapWithPassphrase(state.body, passphrase);
    this.deps.crypto.memzero(kek);
    const r = await this.rotate(state, master, { reason: 'recovery-key', passphrase, profile: this.currentProfile(state.body), recovery: 'new' }, opts);
    return { ...r, recoveryKey: r.recoveryKey! };
  }

  /** Closes the database and zeroes every key. Safe to call when already locked. */
  lock(reason: LockReason = 'user'): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    try {
      s.db.close();
    } finally {
      zeroKeys(this.deps.crypto, s.keys);
    }
    for (const l of this.lockListeners) l(reason);
  }

  info(): VaultInfo {
    const header = this.session?.header ?? this.readHeaderChecked().body;
    const slot = passphraseSlot(header);
    let counts: Record<string, number> | null = null;
    let schema: number | null = null;
    if (this.session) {
      const db = this.session.db;
      schema = schemaVersion(db);
      counts = {};
      for (const t of COUNTED_TABLES) {
        const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t.table);
        if (exists) counts[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${t.table}${t.where ? ' WHERE ' + t.where : ''}`).get() as { n: number }).n;
      }
    }
    return {
      formatVersion: header.formatVersion,
      vaultId: header.vaultId,
      createdAt: header.createdAt,
      kdf: { algorithm: 'argon2id13', opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit, profile: slot.kdf.profile },
      schemaVersion: schema,
      counts,
    };
  }

  /** Decrypts and authenticates every database page. */
  checkDatabase(): string[] {
    return checkDbIntegrity(this.current().db);
  }

  latestSchema(): number {
    return latestSchemaVersion(this.deps.migrations ?? MIGRATIONS);
  }

  // ---- internals ----

  private currentProfile(body: HeaderBody): KdfProfile | 'test' {
    return passphraseSlot(body).kdf.profile;
  }

  private readHeaderChecked(): HeaderState {
    // Format 1 wrote a passphrase change to vault.header.next before renaming it; an interrupted one is dropped.
    fs.rmSync(this.paths.headerNext, { force: true });
    return readHeaderState(this.paths.header);
  }

  /** The master key and the passphrase's KEK (the caller zeroes both), or WRONG_PASSPHRASE. */
  private async unwrapWithPassphrase(header: HeaderBody, passphrase: string): Promise<{ master: Uint8Array; kek: Uint8Array }> {
    const { crypto } = this.deps;
    const slot = passphraseSlot(header);
    const pw = passphraseBytes(passphrase);
    try {
      const kek = await passphraseKek(crypto, pw, slot.kdf);
      const master = unwrapSlot(crypto, header, slot, kek);
      if (!master) {
        crypto.memzero(kek);
        throw new SaktaError('WRONG_PASSPHRASE', 'That passphrase does not open this vault.');
      }
      return { master, kek };
    } finally {
      crypto.memzero(pw);
    }
  }

  /**
   * Key rotation (docs/vault-format.md §8). In order, each step durable before the next:
   *  1. derive the new passphrase KEK (the slow part; cancel is honoured until here);
   *  2. write header generation g+1: the new passphrase and recovery slots wrap a new master key, and a
   *     previous-master slot wraps the old one under the new; the old area is overwritten (header-file.ts).
   *     From here only the new secrets open the vault;
   *  3. one database transaction: every stored file's key re-wrapped, the rotation audited (rotation-db.ts);
   *  4. the database re-keyed page by page to the new database key;
   *  5. header generation g+2 without the previous-master slot: the old master key is gone.
   * A crash after 2 is finished at the next open (openWithMaster → finishRotation).
   */
  private async rotate(state0: HeaderState, oldMaster: Uint8Array, spec: RotationSpec, opts: RotationOptions): Promise<RotationResult> {
    const { crypto } = this.deps;
    const progress = opts.onProgress ?? (() => {});
    let newMaster: Uint8Array | null = null;
    let newKeys: VaultKeys | null = null;
    let recoverySecret: Uint8Array | null = null;
    // Once the session is opened with it, the old master key belongs to the session (zeroed at lock).
    let ownsOldMaster = true;
    try {
      if (!this.session) {
        ownsOldMaster = false;
        this.openWithMaster(state0, oldMaster, null);
      } else if (Buffer.compare(Buffer.from(this.session.keys.master), Buffer.from(oldMaster)) !== 0) {
        throw new SaktaError('WRONG_PASSPHRASE', 'That passphrase does not open the vault that is open now.');
      }
      const session = this.current();
      const state = this.readHeaderChecked(); // opening may have finished an earlier rotation or migrated format 1
      progress({ step: 'deriving' });
      const pw = passphraseBytes(spec.passphrase);
      const kdf = newArgon2Params(crypto, this.profileFor(spec.profile));
      const kek = await passphraseKek(crypto, pw, kdf);
      crypto.memzero(pw);
      if (opts.signal?.aborted) {
        crypto.memzero(kek);
        throw new SaktaError('CANCELLED', 'Cancelled before anything was changed; the old passphrase and keys still work.');
      }

      newMaster = crypto.secureAlloc(KEY_BYTES);
      newMaster.set(crypto.randomBytes(KEY_BYTES));
      newKeys = deriveKeys(crypto, newMaster);
      const base = { formatVersion: FORMAT_VERSION, vaultId: state.body.vaultId } as const;
      const oldRecovery = state.body.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
      let recoveryPublicKey: Uint8Array | null = null;
      let replaced: RotationResult['recoveryKeyReplaced'];
      if (spec.recovery === 'keep' && spec.recoverySecret) {
        const kp = recoveryKeypair(crypto, spec.recoverySecret);
        crypto.memzero(kp.secretKey);
        recoveryPublicKey = kp.publicKey;
      } else if (spec.recovery === 'keep' && oldRecovery?.kdf.algorithm === 'x25519-sealed-v1') {
        recoveryPublicKey = Buffer.from(oldRecovery.kdf.publicKey, 'base64');
      } else if (spec.recovery === 'keep' && oldRecovery) {
        replaced = 'format-1';
      }
      if (!recoveryPublicKey && (spec.recovery === 'new' || oldRecovery)) {
        recoverySecret = crypto.randomBytes(RECOVERY_SECRET_BYTES);
        const kp = recoveryKeypair(crypto, recoverySecret);
        crypto.memzero(kp.secretKey);
        recoveryPublicKey = kp.publicKey;
      }
      const pkek = previousMasterKek(crypto, newMaster);
      const slots: Slot[] = [wrapSlot(crypto, base, { kind: 'passphrase', kdf }, kek, newMaster)];
      if (recoveryPublicKey) slots.push(sealRecoverySlot(crypto, base, recoveryPublicKey, newMaster));
      slots.push(wrapSlot(crypto, base, { kind: 'previous-master', kdf: { algorithm: 'master-subkey-v1' } }, pkek, session.keys.master));
      crypto.memzero(kek);
      crypto.memzero(pkek);
      progress({ step: 'header' });
      const next: HeaderBody = { ...state.body, ...base, generation: state.body.generation + 1, signingPublicKey: b64(newKeys.signing.publicKey), slots };
      const written = commitHeader(this.paths.header, state, next);

      const oldKeys = session.keys;
      const onDocs = (done: number, total: number) => progress({ step: 'documents', done, total });
      const finished = this.finishRotation(session.db, written, newKeys, oldKeys, true, spec.reason, onDocs, progress);
      const documentsRewrapped = finished.rewrapped;
      this.session = { ...session, keys: newKeys, header: finished.state.body };
      zeroKeys(crypto, oldKeys);
      newKeys = null;
      newMaster = null;
      progress({ step: 'done' });
      if (!ownsOldMaster && !spec.keepOpen) this.lock('user');
      const recoveryKey = recoverySecret ? formatRecoveryKey(crypto, recoverySecret) : undefined;
      return { documentsRewrapped, ...(recoveryKey ? { recoveryKey } : {}), ...(replaced && recoveryKey ? { recoveryKeyReplaced: replaced } : {}) };
    } finally {
      if (recoverySecret) crypto.memzero(recoverySecret);
      if (newKeys) zeroKeys(crypto, newKeys);
      else if (newMaster) crypto.memzero(newMaster);
      if (ownsOldMaster) crypto.memzero(oldMaster);
    }
  }

  /**
   * Steps 3–5 of a rotation, from a header that holds a previous-master slot. `dbOnOldKey` says whether the
   * database is still keyed with the previous master key. Idempotent: a crash anywhere here is finished by
   * running it again at the next open.
   */
  private finishRotation(
    db: WriteDb,
    state: HeaderState,
    keys: VaultKeys,
    prevKeys: VaultKeys,
    dbOnOldKey: boolean,
    reason: RotationReason,
    onDocs?: (done: number, total: number) => void,
    progress: (p: RotationProgress) => void = () => {},
  ): { rewrapped: number; state: HeaderState } {
    let rewrapped = 0;
    const newKey = b64(keys.signing.publicKey);
    if (databaseMaster(db) !== newKey) {
      rewrapped = rewrapForNewMaster(db, this.deps.crypto, { vaultId: state.body.vaultId, oldKeys: prevKeys, newKeys: keys, reason, now: this.deps.now, onProgress: onDocs });
    }
    progress({ step: 'database' });
    if (dbOnOldKey) rekeyEncryptedDb(db, keys.database);
    progress({ step: 'finishing' });
    const done: HeaderBody = { ...state.body, generation: state.body.generation + 1, slots: state.body.slots.filter((s) => s.kind !== 'previous-master') };
    return { rewrapped, state: commitHeader(this.paths.header, state, done) };
  }

  /**
   * Opens the database with `master`. Finishes a rotation a crash interrupted (a previous-master slot), and
   * migrates a format-1 header to format 2 in place when the passphrase's KEK is at hand.
   */
  private openWithMaster(state: HeaderState, master: Uint8Array, passphraseKekForMigration: Uint8Array | null): VaultInfo {
    const { crypto } = this.deps;
    const header = state.body;
    const keys = deriveKeys(crypto, master);
    if (b64(keys.signing.publicKey) !== header.signingPublicKey) {
      zeroKeys(crypto, keys);
      throw new SaktaError('INTEGRITY', 'The vault header does not belong to this vault (signing key mismatch).');
    }
    let prevKeys: VaultKeys | null = null;
    let db: WriteDb | undefined;
    try {
      const prevSlot = header.slots.find((s) => s.kind === 'previous-master');
      if (prevSlot) {
        const pkek = previousMasterKek(crypto, master);
        const prev = unwrapSlot(crypto, header, prevSlot, pkek);
        crypto.memzero(pkek);
        if (!prev) throw new SaktaError('INTEGRITY', 'The vault header is damaged or was altered (previous key slot). The vault was not opened.');
        prevKeys = deriveKeys(crypto, prev);
      }
      const walProblem = checkWal(`${this.paths.db}-wal`);
      if (walProblem) throw new SaktaError('INTEGRITY', `The database is damaged or was altered: ${walProblem}. Restore from a backup.`);
      let dbOnOldKey = false;
      try {
        db = openEncryptedDb(this.paths.db, keys.database);
      } catch (e) {
        // Mid-rotation the database may still be keyed with the previous master key (step 4 not reached).
        if (!prevKeys || !(e instanceof SaktaError) || e.code !== 'INTEGRITY') throw e;
        db = openEncryptedDb(this.paths.db, prevKeys.database);
        dbOnOldKey = true;
      }
      migrate(db, this.deps.migrations ?? MIGRATIONS);
      const id = db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined;
      if (id?.value !== header.vaultId) throw new SaktaError('INTEGRITY', 'The database does not belong to this vault header.');
      if (prevKeys) {
        state = this.finishRotation(db, state, keys, prevKeys, dbOnOldKey, 'resumed').state;
      } else if (header.formatVersion === 1 && passphraseKekForMigration) {
        state = this.migrateHeader(db, state, master, passphraseKekForMigration, keys);
      }
    } catch (e) {
      db?.close();
      zeroKeys(crypto, keys);
      throw knownDbError(e) ?? e;
    } finally {
      if (prevKeys) zeroKeys(crypto, prevKeys);
    }
    this.startSession(state.body, keys, db);
    return this.info();
  }

  /**
   * Format 1 → 2, in place: the same master key, the passphrase slot re-wrapped with format 2's additional
   * data, the format-1 recovery slot carried over as it is (it can only be re-made with the recovery key;
   * the first key rotation replaces it). Written into area 1; area 0, the format-1 text, is then
   * overwritten with random bytes. A crash leaves either the format-1 header or the format-2 one.
   */
  private migrateHeader(db: WriteDb, state: HeaderState, master: Uint8Array, kek: Uint8Array, keys: VaultKeys): HeaderState {
    const { crypto } = this.deps;
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`).run(MASTER_META_KEY, b64(keys.signing.publicKey));
    const base = { formatVersion: FORMAT_VERSION, vaultId: state.body.vaultId } as const;
    const slots = state.body.slots.map((s) => (s.kind === 'passphrase' ? wrapSlot(crypto, base, { kind: 'passphrase', kdf: s.kdf }, kek, master) : s));
    return commitHeader(this.paths.header, state, { ...state.body, ...base, generation: 1, slots });
  }

  private startSession(header: HeaderBody, keys: VaultKeys, db: WriteDb): void {
    ensureDir(this.paths.tmp);
    for (const f of fs.readdirSync(this.paths.tmp)) fs.rmSync(`${this.paths.tmp}/${f}`, { force: true, recursive: true });
    const audit = new AuditLog({ crypto: this.deps.crypto, signing: () => this.current().keys.signing, now: this.deps.now });
    this.session = { vaultId: header.vaultId, paths: this.paths, db, keys, audit, header };
    try {
      for (const hook of this.openHooks) hook(this.session);
    } catch (e) {
      this.lock('shutdown');
      throw e;
    }
  }
}

/** Counts `sakta info` reports; tables that later migrations add are counted once they exist. */
const COUNTED_TABLES: { name: string; table: string; where?: string }[] = [
  { name: 'cases', table: 'cases' },
  { name: 'persons', table: 'persons' },
  { name: 'events', table: 'events' },
  { name: 'documents', table: 'documents' },
  { name: 'blobs', table: 'blobs' },
  { name: 'auditEntries', table: 'audit_log' },
];

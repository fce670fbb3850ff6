import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { SaktaError } from '../../shared/errors';
import type { LockReason } from '../../shared/ipc/events';
import type { KdfProfile, VaultInfo, VaultStatus } from '../../shared/schemas/vault';
import type { Crypto } from '../crypto/types';
import { KEY_BYTES } from '../crypto/types';
import { checkDbIntegrity, knownDbError, openEncryptedDb, type WriteDb } from '../db/connection';
import { checkWal } from '../db/wal-check';
import { latestSchemaVersion, migrate, MIGRATIONS, schemaVersion, type Migration } from '../db/migrations';
import { b64, passphraseBytes } from '../vault/encoding';
import { ensureDir, fsyncDir, ioError } from '../vault/fs-atomic';
import { FORMAT_VERSION, readHeader, writeHeader, type HeaderBody, type Slot } from '../vault/header';
import { deriveKeys, newArgon2Params, passphraseKek, recoveryKek, unwrapSlot, wrapSlot, zeroKeys, type VaultKeys } from '../vault/keys';
import { vaultPaths, type VaultPaths } from '../vault/layout';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_SECRET_BYTES } from '../vault/recovery-key';
import { AuditLog } from './audit/audit-log';

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
  /** Allows the fast "test" KDF profile; only the test suite sets it. */
  allowTestKdf?: boolean;
}

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

  private profileParams(profile: KdfProfile) {
    const useTest = this.deps.allowTestKdf && process.env.SAKTA_TEST_FAST_KDF === '1';
    return newArgon2Params(this.deps.crypto, useTest ? 'test' : profile);
  }

  /** Creates a vault in an empty (or new) folder and leaves it unlocked. Returns the recovery key, shown once. */
  async create(passphrase: string, profile: KdfProfile = 'standard'): Promise<{ recoveryKey: string }> {
    const { crypto } = this.deps;
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
    const base = { formatVersion: FORMAT_VERSION, vaultId: randomUUID() };
    try {
      const kdf = this.profileParams(profile);
      const kek = await passphraseKek(crypto, pw, kdf);
      const rkek = recoveryKek(crypto, recovery);
      const slots: Slot[] = [
        wrapSlot(crypto, base, { kind: 'passphrase', kdf }, kek, master),
        wrapSlot(crypto, base, { kind: 'recovery', kdf: { algorithm: 'blake2b-recovery-v1' } }, rkek, master),
      ];
      crypto.memzero(kek);
      crypto.memzero(rkek);
      const header: HeaderBody = {
        format: 'sakta-vault',
        ...base,
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
      } catch (e) {
        db.close();
        throw e;
      }
      writeHeader(this.paths.header, header);
      fsyncDir(this.paths.dir);
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
    const header = this.readHeaderChecked();
    const master = await this.unwrapWithPassphrase(header, passphrase);
    return this.openWithMaster(header, master);
  }

  /** Unlocks with the recovery key and sets a new passphrase in the same step. */
  async recover(recoveryKeyText: string, newPassphrase: string): Promise<VaultInfo> {
    const { crypto } = this.deps;
    const header = this.readHeaderChecked();
    const secret = parseRecoveryKey(crypto, recoveryKeyText);
    const slot = header.slots.find((s) => s.kind === 'recovery');
    if (!slot) throw new SaktaError('WRONG_RECOVERY_KEY', 'This vault has no recovery key.');
    const kek = recoveryKek(crypto, secret);
    crypto.memzero(secret);
    const master = unwrapSlot(crypto, header, slot, kek);
    crypto.memzero(kek);
    if (!master) throw new SaktaError('WRONG_RECOVERY_KEY', 'That recovery key does not open this vault.');
    try {
      const current = header.slots.find((s) => s.kind === 'passphrase')!;
      const profile = current.kind === 'passphrase' && current.kdf.profile !== 'test' ? current.kdf.profile : 'standard';
      await this.rewrapPassphrase(header, master, newPassphrase, profile);
    } catch (e) {
      crypto.memzero(master);
      throw e;
    }
    if (this.session) {
      crypto.memzero(master);
      return this.info();
    }
    return this.openWithMaster(this.readHeaderChecked(), master);
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    const header = this.readHeaderChecked();
    const master = await this.unwrapWithPassphrase(header, current);
    try {
      const slot = header.slots.find((s) => s.kind === 'passphrase');
      const profile = slot?.kind === 'passphrase' && slot.kdf.profile !== 'test' ? slot.kdf.profile : 'standard';
      await this.rewrapPassphrase(header, master, next, profile);
    } finally {
      this.deps.crypto.memzero(master);
    }
  }

  /** Re-wraps the master key under a stronger or lighter KDF; the database is never rekeyed. */
  async setKdfProfile(passphrase: string, profile: KdfProfile): Promise<VaultInfo> {
    const header = this.readHeaderChecked();
    const master = await this.unwrapWithPassphrase(header, passphrase);
    try {
      await this.rewrapPassphrase(header, master, passphrase, profile);
    } finally {
      this.deps.crypto.memzero(master);
    }
    if (this.session) this.session = { ...this.session, header: this.readHeaderChecked() };
    return this.info();
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
    const header = this.session?.header ?? this.readHeaderChecked();
    const slot = header.slots.find((s) => s.kind === 'passphrase');
    if (!slot || slot.kind !== 'passphrase') throw new SaktaError('INTEGRITY', 'The vault header has no passphrase slot.');
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

  private readHeaderChecked(): HeaderBody {
    // A header written by an interrupted passphrase change never replaced the real one; drop it.
    fs.rmSync(this.paths.headerNext, { force: true });
    return readHeader(this.paths.header);
  }

  private async unwrapWithPassphrase(header: HeaderBody, passphrase: string): Promise<Uint8Array> {
    const { crypto } = this.deps;
    const slot = header.slots.find((s) => s.kind === 'passphrase');
    if (!slot || slot.kind !== 'passphrase') throw new SaktaError('INTEGRITY', 'The vault header has no passphrase slot.');
    const pw = passphraseBytes(passphrase);
    try {
      const kek = await passphraseKek(crypto, pw, slot.kdf);
      const master = unwrapSlot(crypto, header, slot, kek);
      crypto.memzero(kek);
      if (!master) throw new SaktaError('WRONG_PASSPHRASE', 'That passphrase does not open this vault.');
      return master;
    } finally {
      crypto.memzero(pw);
    }
  }

  /**
   * Writes a header whose passphrase slot wraps the same master key under `passphrase`:
   * to vault.header.next, read back and verified, then renamed over vault.header.
   */
  private async rewrapPassphrase(header: HeaderBody, master: Uint8Array, passphrase: string, profile: KdfProfile): Promise<void> {
    const { crypto } = this.deps;
    const pw = passphraseBytes(passphrase);
    try {
      const kdf = this.profileParams(profile);
      const kek = await passphraseKek(crypto, pw, kdf);
      const slot = wrapSlot(crypto, header, { kind: 'passphrase', kdf }, kek, master);
      crypto.memzero(kek);
      const next: HeaderBody = { ...header, slots: header.slots.map((s) => (s.kind === 'passphrase' ? slot : s)) };
      writeHeader(this.paths.headerNext, next);
      // Verify what actually reached the disk before it replaces the header that works today.
      const reread = readHeader(this.paths.headerNext);
      const check = await this.unwrapWithPassphrase(reread, passphrase);
      const same = Buffer.compare(Buffer.from(check), Buffer.from(master)) === 0;
      crypto.memzero(check);
      if (!same) throw new SaktaError('INTEGRITY', 'The new vault header did not verify; the old passphrase still works.');
      try {
        fs.renameSync(this.paths.headerNext, this.paths.header);
        fsyncDir(this.paths.dir);
      } catch (e) {
        throw ioError(e, 'the vault header');
      }
    } catch (e) {
      fs.rmSync(this.paths.headerNext, { force: true });
      throw e;
    } finally {
      crypto.memzero(pw);
    }
  }

  private openWithMaster(header: HeaderBody, master: Uint8Array): VaultInfo {
    const { crypto } = this.deps;
    const keys = deriveKeys(crypto, master);
    if (b64(keys.signing.publicKey) !== header.signingPublicKey) {
      zeroKeys(crypto, keys);
      throw new SaktaError('INTEGRITY', 'The vault header does not belong to this vault (signing key mismatch).');
    }
    let db: WriteDb | undefined;
    try {
      const walProblem = checkWal(`${this.paths.db}-wal`);
      if (walProblem) throw new SaktaError('INTEGRITY', `The database is damaged or was altered: ${walProblem}. Restore from a backup.`);
      db = openEncryptedDb(this.paths.db, keys.database);
      migrate(db, this.deps.migrations ?? MIGRATIONS);
      const id = db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined;
      if (id?.value !== header.vaultId) throw new SaktaError('INTEGRITY', 'The database does not belong to this vault header.');
    } catch (e) {
      db?.close();
      zeroKeys(crypto, keys);
      throw knownDbError(e) ?? e;
    }
    this.startSession(header, keys, db);
    return this.info();
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

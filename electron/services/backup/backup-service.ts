import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/ipc/events';
import { MANIFEST_FILE, type AuditHead, type BackupResult, type BackupStatus, type ManifestFile, type VerifyReport } from '../../../shared/schemas/backup';
import { BLOB_FILE_RE, blobFilePath } from '../../blobs/blob-format';
import type { WriteDb } from '../../db/connection';
import type { ChangeWriter } from '../changes/change-writer';
import { schemaVersion } from '../../db/migrations';
import { fromB64 } from '../../base/encoding';
import { ensureDir, fsyncDir, ioError, writeFileAtomic } from '../../base/fs-atomic';
import { DB_FILE, HEADER_FILE } from '../../vault/layout';
import { checkTargetFolder } from '../paths/real-paths';
import type { SettingsService } from '../settings/settings-service';
import type { VaultService, VaultSession } from '../vault-service';
import { cancelledError, copyFileHashed, copyFileHashedSync, hashFile } from './files';
import { acquireFolderLock } from './folder-lock';
import { backupPaths, listSnapshots, rootFor, snapshotName, type BackupPaths } from './layout';
import { parseManifest, sealSecrets, serializeManifest } from './manifest';
import { assertNotRolledBack } from './rollback';
import { snapshotsToPrune } from './prune';
import { verifyBackup } from './verify';

/** What a backup is doing, as the `label` of its `job.progress` events. */
export type BackupPhase = 'blobs' | 'database' | 'manifest' | 'prune';
/** Backup progress in the one job-progress shape (kind 'backup'; jobId 'backup' when the caller gave none). */
export type BackupProgressListener = (p: JobProgress & { kind: 'backup'; label: BackupPhase }) => void;

export interface BackupServiceDeps {
  vault: VaultService;
  settings: SettingsService;
  /** The write path: the record of a backup and its audit entry land together. */
  writer: ChangeWriter;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Incremental, verifiable backups of the open vault: its own ciphertext (header, database, blob files),
 * never anything decrypted. See shared/schemas/backup.ts for the layout.
 */
export class BackupService {
  private running: AbortController | null = null;
  private readonly listeners = new Set<BackupProgressListener>();

  constructor(private readonly deps: BackupServiceDeps) {}

  private now(): Date {
    return this.deps.writer.now();
  }

  onProgress(l: BackupProgressListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  status(): BackupStatus {
    const { db } = this.deps.vault.current();
    const settings = this.deps.settings.get();
    const last = db.prepare('SELECT at, snapshot FROM backup_runs ORDER BY id DESC LIMIT 1').get() as { at: string; snapshot: string } | undefined;
    const due = !last || this.now().getTime() - Date.parse(last.at) > settings.backupReminderDays * DAY_MS;
    return {
      lastBackupAt: last?.at ?? null,
      lastSnapshot: last?.snapshot ?? null,
      folder: settings.backupFolder,
      reminderDays: settings.backupReminderDays,
      reminderDue: due,
      running: this.running !== null,
    };
  }

  /** Cancels the running backup, if any. It ends with CANCELLED and leaves no partial snapshot. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }

  async verify(from?: string, passphrase?: string): Promise<VerifyReport> {
    const folder = from ?? this.deps.settings.get().backupFolder;
    if (!folder) throw new SaktaError('VALIDATION', 'Choose a backup folder first.', { from: 'Choose a backup folder' });
    return verifyBackup(this.deps.vault.crypto, folder, { passphrase });
  }

  /** Makes `folder` (from the folder dialog) the backup folder, by its real path; returns its name to show. */
  async setFolder(folder: string): Promise<string> {
    const real = checkTargetFolder(folder, this.deps.vault.current().paths.dir, 'backupFolder');
    await this.deps.settings.update({ backupFolder: real });
    return path.basename(real) || real;
  }

  async run(opts: { to?: string; signal?: AbortSignal; jobId?: string } = {}): Promise<BackupResult> {
    const session = this.deps.vault.current();
    const settings = this.deps.settings.get();
    const folder = opts.to ?? settings.backupFolder;
    if (!folder) throw new SaktaError('VALIDATION', 'Choose a backup folder first.', { to: 'Choose a backup folder' });
    if (this.running) throw new SaktaError('CONFLICT', 'A backup is already running.');
    // By real path: a link to the vault folder is the vault folder.
    const abs = checkTargetFolder(path.resolve(folder), session.paths.dir);

    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onOuterAbort);
    if (opts.signal?.aborted) controller.abort();
    this.running = controller;
    const paths = backupPaths(rootFor(abs, session.vaultId));
    let release: (() => void) | undefined;
    try {
      try {
        ensureDir(paths.root);
        ensureDir(paths.snapshots);
        ensureDir(paths.blobs);
      } catch (e) {
        throw ioError(e, 'the backup');
      }
      release = acquireFolderLock(paths.lock, this.now().getTime());
      return await this.runLocked(session, paths, controller.signal, opts.jobId, settings.backupKeepLast, settings.backupKeepWeekly);
    } finally {
      release?.();
      this.running = null;
      opts.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  private emit(phase: BackupPhase, done: number, total: number, jobId = 'backup'): void {
    for (const l of this.listeners) l({ jobId, kind: 'backup', done, total, label: phase });
  }

  private async runLocked(session: VaultSession, paths: BackupPaths, signal: AbortSignal, jobId: string | undefined, keepLast: number, keepWeekly: number): Promise<BackupResult> {
    const crypto = this.deps.vault.crypto;
    // Leftovers of an interrupted backup: never a snapshot, so they can go.
    fs.rmSync(paths.staging, { recursive: true, force: true });
    ensureDir(paths.staging);

    // A vault older than one of its own snapshots was rolled back: backing it up would bury (and later prune)
    // the newer state, so the lawyer is told instead.
    assertNotRolledBack(crypto, session, paths);
    const known = this.knownHashes(paths, session);
    const warnings: string[] = [];
    let filesWritten = 0;
    let bytesWritten = 0;
    let blobsNew = 0;
    let blobsReused = 0;
    const blobEntries = new Map<string, ManifestFile>();

    const poolBlob = async (id: string, sync: boolean): Promise<void> => {
      const rel = `blobs/${id.slice(0, 2)}/${id}.skb`;
      if (blobEntries.has(rel)) return;
      const src = blobFilePath(session.paths.blobs, id);
      const dest = path.join(paths.root, 'blobs', id.slice(0, 2), `${id}.skb`);
      const inPool = statSize(dest);
      if (inPool !== null) {
        const k = known.get(rel);
        const h = k && k.size === inPool ? k : await hashFile(dest, signal);
        blobEntries.set(rel, { path: rel, size: h.size, sha256: h.sha256 });
        blobsReused++;
        return;
      }
      if (statSize(src) === null) {
        warnings.push(`stored file ${id} is missing from the vault and was not backed up`);
        return;
      }
      const h = sync ? copyFileHashedSync(src, dest) : await copyFileHashed(src, dest, { signal });
      blobEntries.set(rel, { path: rel, size: h.size, sha256: h.sha256 });
      blobsNew++;
      filesWritten++;
      bytesWritten += h.size;
    };

    const stage = path.join(paths.staging, 'snapshot');
    try {
      // 1. Blob files, the bulk of the bytes, while the app stays usable. Blobs never change once written.
      const ids = blobIds(session.db);
      let done = 0;
      for (const id of ids) {
        if (signal.aborted) throw cancelledError();
        await poolBlob(id, false);
        this.emit('blobs', ++done, ids.length, jobId);
      }
      if (signal.aborted) throw cancelledError();

      // 2. The database and the header at one instant, with no writer in between (see copyDatabase).
      this.emit('database', 0, 1, jobId);
      ensureDir(stage);
      const at = this.now();
      const name = uniqueName(paths, snapshotName(at));
      const { db: dbCopy, header: headerCopy, lateIds, counts, auditHead } = copyDatabase(session, stage);
      filesWritten += 2;
      bytesWritten += dbCopy.size + headerCopy.size;
      // Documents added while the blobs were copied: few, so copied now, synchronously.
      for (const id of lateIds) await poolBlob(id, true);
      const referenced = new Set(lateIds.map((id) => `blobs/${id.slice(0, 2)}/${id}.skb`));
      this.emit('database', 1, 1, jobId);
      if (signal.aborted) throw cancelledError();

      // 3. The manifest, last: a snapshot folder without one is never taken for a backup.
      this.emit('manifest', 0, 1, jobId);
      const files: ManifestFile[] = [
        { path: HEADER_FILE, size: headerCopy.size, sha256: headerCopy.sha256 },
        { path: DB_FILE, size: dbCopy.size, sha256: dbCopy.sha256 },
        ...[...blobEntries.values()].filter((f) => referenced.has(f.path)).sort((a, b) => a.path.localeCompare(b.path)),
      ];
      const manifest = serializeManifest(
        crypto,
        {
          format: 'sakta-backup',
          version: 2,
          vaultId: session.vaultId,
          snapshot: name,
          files,
          sealed: sealSecrets(crypto, session.keys.backups, session.vaultId, name, { createdAt: at.toISOString(), schemaVersion: dbCopy.schema, counts, auditHead }),
        },
        session.keys.signing.secretKey,
      );
      writeFileAtomic(path.join(stage, MANIFEST_FILE), manifest, 'the backup manifest');
      filesWritten++;
      bytesWritten += manifest.length;
      if (signal.aborted) throw cancelledError();
      try {
        fs.renameSync(stage, paths.snapshot(name));
        fsyncDir(paths.snapshots);
      } catch (e) {
        throw ioError(e, 'the backup');
      }
      this.emit('manifest', 1, 1, jobId);

      // 4. Prune by policy, then drop pool blobs no snapshot lists any more.
      this.emit('prune', 0, 1, jobId);
      const pruned = this.prune(paths, at.getTime(), keepLast, keepWeekly, session);
      this.emit('prune', 1, 1, jobId);

      this.deps.writer.write(({ db, record }) => {
        db
          .prepare('INSERT INTO backup_runs (at, folder, snapshot, files_written, bytes_written) VALUES (?, ?, ?, ?, ?)')
          .run(at.toISOString(), path.dirname(paths.root), name, filesWritten, bytesWritten);
        record({ action: 'backup.create', entityType: 'vault', detail: { snapshot: name, filesWritten, blobsNew }, access: true });
      }, session);
      return { snapshot: name, root: paths.root, createdAt: at.toISOString(), filesWritten, bytesWritten, blobsNew, blobsReused, pruned, warnings };
    } finally {
      fs.rmSync(paths.staging, { recursive: true, force: true });
    }
  }

  /** Hashes from earlier manifests that verify under this vault's key, so pool blobs need not be re-read. */
  private knownHashes(paths: BackupPaths, session: VaultSession): Map<string, { size: number; sha256: string }> {
    const out = new Map<string, { size: number; sha256: string }>();
    const pub = fromB64(session.header.signingPublicKey);
    for (const name of listSnapshots(paths).reverse()) {
      try {
        const m = parseManifest(this.deps.vault.crypto, fs.readFileSync(paths.manifest(name)), pub);
        if (!m.signatureOk) continue;
        for (const f of m.body.files) if (f.path.startsWith('blobs/') && !out.has(f.path)) out.set(f.path, f);
      } catch {
        /* an unreadable old manifest only means those blobs get hashed again */
      }
    }
    return out;
  }

  private prune(paths: BackupPaths, now: number, keepLast: number, keepWeekly: number, session: VaultSession): string[] {
    const names = listSnapshots(paths);
    const pub = fromB64(session.header.signingPublicKey);
    const valid: string[] = [];
    const incomplete: string[] = [];
    for (const n of names) {
      try {
        const m = parseManifest(this.deps.vault.crypto, fs.readFileSync(paths.manifest(n)), pub);
        (m.signatureOk ? valid : incomplete).push(n);
      } catch {
        incomplete.push(n);
      }
    }
    const drop = snapshotsToPrune(valid, now, keepLast, keepWeekly);
    for (const n of drop) {
      // One atomic rename takes the whole snapshot out of snapshots/, so a kill mid-prune never leaves a
      // folder there without its manifest; staging is emptied at the start of every backup.
      ensureDir(paths.staging);
      const doomed = path.join(paths.staging, `pruned-${n}`);
      fs.renameSync(paths.snapshot(n), doomed);
      fsyncDir(paths.snapshots);
      fs.rmSync(doomed, { recursive: true, force: true });
    }
    // Only when every remaining snapshot is accounted for may unlisted pool blobs go.
    if (incomplete.length === 0) {
      const keep = new Set<string>();
      for (const n of valid.filter((v) => !drop.includes(v))) {
        const m = parseManifest(this.deps.vault.crypto, fs.readFileSync(paths.manifest(n)), pub);
        for (const f of m.body.files) keep.add(f.path);
      }
      for (const sub of safeReaddir(paths.blobs)) {
        for (const f of safeReaddir(path.join(paths.blobs, sub))) {
          const rel = `blobs/${sub}/${f}`;
          if (BLOB_FILE_RE.test(f) && !keep.has(rel)) fs.rmSync(path.join(paths.blobs, sub, f), { force: true });
          else if (f.endsWith('.part')) fs.rmSync(path.join(paths.blobs, sub, f), { force: true });
        }
      }
    }
    return drop;
  }
}

/**
 * Copies the database file as it is on disk (ciphertext: every page is encrypted by SQLite3 Multiple
 * Ciphers) plus the header. The WAL is checkpointed into the file first; then, inside an IMMEDIATE
 * transaction, no connection can write, and with an empty WAL no checkpoint can change the file, so the
 * copy is one consistent state. The copy is synchronous on purpose: nothing else in this process may use
 * the connection while the transaction is open.
 */
function copyDatabase(session: VaultSession, stage: string) {
  const db = session.db;
  for (let attempt = 0; attempt < 5; attempt++) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.prepare('BEGIN IMMEDIATE').run();
    try {
      if ((statSize(`${session.paths.db}-wal`) ?? 0) !== 0) continue;
      const lateIds = blobIds(db);
      const counts = countRows(db);
      const schema = schemaVersion(db);
      const auditHead = (db.prepare('SELECT seq, hash, signature FROM audit_head WHERE id = 1').get() as AuditHead | undefined) ?? null;
      const dbCopy = copyFileHashedSync(session.paths.db, path.join(stage, DB_FILE), 'the database backup');
      assertCiphertext(path.join(stage, DB_FILE));
      const header = copyFileHashedSync(session.paths.header, path.join(stage, HEADER_FILE), 'the header backup');
      return { db: { ...dbCopy, schema }, header, lateIds, counts, auditHead };
    } finally {
      db.prepare('COMMIT').run();
    }
  }
  throw new SaktaError('CONFLICT', 'The vault is busy with another program writing to it; the backup was not made. Try again.');
}

/** A plaintext SQLite file starts with "SQLite format 3\0"; an encrypted one must not. */
function assertCiphertext(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') === 'SQLite format 3\0') {
      throw new SaktaError('INTEGRITY', 'The database copy is not encrypted; the backup was stopped.');
    }
  } finally {
    fs.closeSync(fd);
  }
}

function blobIds(db: WriteDb): string[] {
  return (db.prepare('SELECT id FROM blobs ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

function countRows(db: WriteDb): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['cases', 'persons', 'events', 'documents', 'notes', 'blobs']) {
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t)) {
      out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
  }
  return out;
}

function statSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function uniqueName(paths: BackupPaths, base: string): string {
  let name = base;
  for (let i = 2; fs.existsSync(paths.snapshot(name)); i++) name = `${base}-${i}`;
  return name;
}

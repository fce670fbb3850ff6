import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BlobStore } from '../blobs/blob-store';
import type { Crypto } from '../crypto/types';
import { AppEvents } from '../services/app-events';
import { BackupService } from '../services/backup/backup-service';
import { BundleService } from '../services/bundles/bundle-service';
import { createCaseWork } from '../services/cases';
import { CaseWorkContext } from '../services/cases/context';
import { DeadlineRulesService } from '../services/deadline-rules/deadline-rules-service';
import { ChangeWriter } from '../services/changes/change-writer';
import { ClipboardGuard, type ClipboardLike } from '../services/clipboard/clipboard-guard';
import { noDialogs, type Dialogs } from '../services/dialogs';
import { DocumentService } from '../services/documents/document-service';
import { RedactionService } from '../services/redaction/redaction-service';
import type { ExtractLimits } from '../services/documents/extract';
import { systemClock } from '../services/lock/clock';
import { sweepAbandonedExports } from '../services/exports/plaintext-export';
import { MediaStreams } from '../services/media/media-streams';
import { PickedPaths } from '../services/paths/picked-paths';
import { SharedDocs } from '../services/merge/shared-docs';
import { SearchService } from '../services/search/search-service';
import { SettingsService } from '../services/settings/settings-service';
import { createSharing } from '../services/sharing';
import { TravelService, type TravelVaultServices } from '../services/travel/travel-service';
import { SyncService, type CompactionOptions } from '../services/sync/sync-service';
import { TeamSync, type TeamSyncOptions } from '../services/team-sync';
import { ProtectionService } from '../services/protection/protection-service';
import type { Shell } from '../services/shell';
import { RestoreService } from '../services/backup/restore-service';
import { VaultService } from '../services/vault-service';
import { VerifyService } from '../services/verify/verify-service';

export type { ClipboardLike };

export interface AppServicesOptions {
  vaultDir: string;
  crypto: Crypto;
  allowTestKdf?: boolean;
  /** The one clock of every service (tests move it); default: the system's. */
  now?: () => Date;
  /** The one source of record ids; default: random UUIDs. */
  newId?: () => string;
  /** OS dialogs; the CLI has none. */
  dialogs?: Dialogs;
  /** Opens written bundles / shows them in their folder (Electron's shell); without it both are refused. */
  shell?: Shell;
  /** The OS clipboard (Electron's); without it protection.copy is unavailable. */
  clipboard?: ClipboardLike;
  extractLimits?: ExtractLimits;
  /**
   * Sakta's Syncthing for shared cases: its data folder (default: `<vault folder>.team` beside the vault folder,
   * never inside it), listen address, office nodes, tuning.
   */
  team?: Partial<TeamSyncOptions>;
  /** When exchanges acknowledge and compact shared cases' segments (tests and the bench lower them). */
  syncCompaction?: Partial<CompactionOptions>;
}

/**
 * Step one of the composition: every service for one vault folder, wired with its dependencies (no
 * singletons, no IPC). Step two, `createHandlers(services)` in electron/ipc/handlers, exposes them as
 * channels. The Electron main process, the CLI and the test bridge all take these two steps in order.
 */
export function createAppServices(opts: AppServicesOptions) {
  const now = opts.now ?? (() => new Date());
  const events = new AppEvents();
  const vault = new VaultService({ dir: opts.vaultDir, crypto: opts.crypto, allowTestKdf: opts.allowTestKdf, now });
  const session = () => vault.current();
  const search = new SearchService({ session });
  // Shared cases: every write records its edits of a shared case in the case's merge document before it commits.
  const sharedDocs = new SharedDocs({ search });
  const writer = new ChangeWriter({
    session,
    now,
    newId: opts.newId ?? randomUUID,
    changed: (e) => events.emit('data.changed', e),
    beforeCommit: (w, caseIds, entities) => sharedDocs.captureLocal(w, caseIds, entities),
  });
  const progress = events.emit.bind(events, 'job.progress');

  const blobs = new BlobStore({ crypto: opts.crypto, session, now });
  const documents = new DocumentService({ session, blobs, search, writer, extractLimits: opts.extractLimits, onProgress: progress });
  const redaction = new RedactionService({ session, blobs, search, writer, get: (id) => documents.get(id), afterCommit: () => void documents.scheduleExtraction() });
  const verify = new VerifyService({ session, blobs, crypto: opts.crypto });
  const caseWork = createCaseWork({ vault, writer });
  const rules = new DeadlineRulesService(new CaseWorkContext({ vault, writer }), (id) => caseWork.timeline.getEvent(id));
  const bundles = new BundleService({ session, crypto: opts.crypto, readBlob: (id) => blobs.open(id).readAll(), writer, onProgress: progress, shell: opts.shell });
  const media = new MediaStreams(documents);
  const sharing = createSharing({ crypto: opts.crypto, session, writer, blobs });
  const sync = new SyncService({ session, writer, sharing, docs: sharedDocs, blobs, documentsArrived: () => void documents.scheduleExtraction(), compaction: opts.syncCompaction });
  // A travel vault is a vault of its own, made with the same crypto and options, over another folder.
  const travel = new TravelService({ session, sharing, sync, now, openVault: (dir): TravelVaultServices => createAppServices({ ...opts, vaultDir: dir }) });
  const teamSync = new TeamSync(
    { vault, session, writer, events, sharing, sync },
    { ...opts.team, dataDir: opts.team?.dataDir ?? path.join(path.dirname(path.resolve(opts.vaultDir)), `${path.basename(path.resolve(opts.vaultDir))}.team`) },
  );
  const settings = new SettingsService({ vault, writer });
  const backup = new BackupService({ vault, settings, writer });
  backup.onProgress(progress);
  const clipboardGuard = opts.clipboard ? new ClipboardGuard({ clipboard: opts.clipboard, clock: systemClock }) : undefined;
  const protection = new ProtectionService({ vault, vaultDir: opts.vaultDir, clipboard: clipboardGuard });
  // Paths the user picked in a dialog or dropped on the window, held here; the page holds only tokens.
  const picked = new PickedPaths();

  // At each unlock: orphaned blob files go, search tracks the other domains' tables and indexes what is not
  // indexed yet (after an upgrade that rebuilt the index), the 30-day trash is purged, and text extraction
  // resumes in the background.
  vault.addOpenHook((s) => void blobs.removeOrphans(s));
  // Decrypted copies a crash left unfinished are found and removed, and their custody says so.
  vault.addOpenHook((s) => void sweepAbandonedExports(writer, s));
  vault.addOpenHook((s) => {
    search.ensureSourceTriggers(s.db);
    search.indexPending(s.db);
    documents.purgeExpired(s);
    caseWork.bin.purgeExpired(s);
    setImmediate(() => void documents.scheduleExtraction());
  });
  // At each lock: nothing keeps running on the closed database, nothing decrypted stays reachable.
  vault.onLock(() => documents.stopBackground());
  // Viewer sessions and dialog tokens end with the keys.
  vault.onLock(() => documents.forgetOpened());
  vault.onLock(() => picked.clear());
  vault.onLock(() => bundles.forgetOutputs());
  vault.onLock(() => media.revokeAll());
  if (clipboardGuard) vault.onLock(() => void clipboardGuard.onLock());
  // A backup must not outlive the keys it signs with.
  vault.onLock(() => void backup.cancel());
  // Sakta's Syncthing runs while the vault is open and has cases carried by it; it stops with the keys.
  vault.addOpenHook((s) => {
    if (teamSync.autoStart && teamSync.hasTeamFolders(s.db)) void teamSync.start().catch(() => undefined);
  });
  vault.onLock(() => void teamSync.stop());
  vault.onLock((reason) => events.emit('vault.locked', { reason }));

  return {
    vault,
    /** Every `vault.locked`, `job.progress` and `data.changed`, in the shapes of shared/ipc/events.ts. */
    events,
    writer,
    caseWork,
    /** Procedural deadline rules, proposals and the working-day calendar. */
    rules,
    blobs,
    documents,
    /** True redaction: redacted versions of PDFs and pictures, made as new documents. */
    redaction,
    search,
    /** Shared cases' merge documents: local edits captured, other members' changes applied, conflicts and their resolution. */
    sharedDocs,
    verify,
    bundles,
    /** Audio and video streams for the protocol handler (Electron) or the test bridge. */
    media,
    settings,
    backup,
    /** Shared cases: device identity, pairing, members and case keys, segments and stored files in the sync folder. */
    sharing,
    /** Shared cases through the sync folder: share and unshare, one exchange (`sync`), and each shared case's state. */
    sync,
    /** Travel vaults: a new vault with only the chosen cases, paired with this one; retired after the trip. */
    travel,
    /** Shared cases carried by Sakta's own Syncthing: one folder per case, exchanged by itself after writes and arrivals. */
    teamSync,
    /** Restoring a backup into this vault folder from the app (first screen, unlock screen, Settings). */
    restore: new RestoreService({ crypto: opts.crypto, vault, vaultDir: opts.vaultDir, allowTestKdf: opts.allowTestKdf, now }),
    protection,
    clipboardGuard,
    dialogs: opts.dialogs ?? noDialogs,
    /** Paths picked in dialogs or dropped on the window, by token (the test bridge's stand-in dialog registers here too). */
    picked,
  };
}
export type AppServices = ReturnType<typeof createAppServices>;

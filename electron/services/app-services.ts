import { BlobStore } from '../blobs/blob-store';
import { events, type EventPayload } from '../../shared/ipc/events';
import type { Crypto } from '../crypto/types';
import { createDispatcher, type DispatcherOptions, type Handlers } from '../ipc/dispatcher';
import { BundleService } from './bundles/bundle-service';
import { createCaseWork } from './cases';
import { CaseWorkContext } from './cases/context';
import { DeadlineRulesService } from './deadline-rules/deadline-rules-service';
import { rulesHandlers } from './handlers/rules.handlers';
import { bundlesHandlers } from './handlers/bundles.handlers';
import { caseHandlers } from './handlers/cases.handlers';
import { vaultHandlers } from './handlers/vault.handlers';
import { viewerHandlers } from './handlers/viewer.handlers';
import { createDocumentServices } from './documents/wire';
import { MediaStreams } from './media/media-streams';
import { VaultService } from './vault-service';
import { noDialogs, type Dialogs } from './dialogs';
import { createProtection, type ClipboardLike } from './protection-wire';

/**
 * Builds every service for one vault folder, wired with its dependencies (no singletons).
 * The Electron main process, the CLI and the test bridge all start here.
 */
export interface AppServicesOptions {
  vaultDir: string;
  crypto: Crypto;
  allowTestKdf?: boolean;
  now?: () => Date;
  /** OS dialogs; the CLI has none. */
  dialogs?: Dialogs;
  /** The OS clipboard (Electron's); without it protection.copy is unavailable. */
  clipboard?: ClipboardLike;
}

export function createAppServices(opts: AppServicesOptions) {
  const dialogs = opts.dialogs ?? noDialogs;
  const vault = new VaultService({ dir: opts.vaultDir, crypto: opts.crypto, allowTestKdf: opts.allowTestKdf, now: opts.now });
  const blobs = new BlobStore({ crypto: opts.crypto, session: () => vault.current(), now: opts.now });
  vault.addOpenHook((s) => void blobs.removeOrphans(s));
  const docs = createDocumentServices({ vault, blobs, now: opts.now });
  const caseWork = createCaseWork({ vault, now: opts.now });
  const rules = new DeadlineRulesService(new CaseWorkContext({ vault, now: opts.now }), (id) => caseWork.timeline.getEvent(id));
  const bundles = new BundleService({ session: () => vault.current(), crypto: opts.crypto, readBlob: (id) => blobs.open(id).readAll(), now: opts.now });
  const media = new MediaStreams(docs.documents);
  vault.onLock(() => media.revokeAll());
  const protection = createProtection({ vault, vaultDir: opts.vaultDir, clipboard: opts.clipboard, now: opts.now });
  const handlers: Partial<Handlers> = {
    ...vaultHandlers(vault),
    'dialog.openFiles': async () => ({ paths: await dialogs.openFiles({ title: 'Import documents' }) }),
    'dialog.saveFile': async (r) => ({ path: await dialogs.saveFile({ title: 'Save', defaultName: r.defaultName }) }),
    'dialog.pickFolder': async () => ({ path: await dialogs.pickFolder({ title: 'Choose a folder' }) }),
    ...caseHandlers(caseWork),
    ...rulesHandlers(rules, caseWork),
    ...docs.handlers,
    ...bundlesHandlers(bundles),
    ...protection.handlers,
    ...viewerHandlers(docs.documents, media),
  };
  return {
    vault,
    caseWork,
    /** Procedural deadline rules, proposals and the working-day calendar. */
    rules,
    blobs,
    documents: docs.documents,
    search: docs.search,
    verify: docs.verify,
    bundles,
    /** Audio and video streams for the protocol handler (Electron) or the test bridge. */
    media,
    settings: protection.settings,
    backup: protection.backup,
    protection: protection.protection,
    clipboardGuard: protection.clipboardGuard,
    /** Progress of every long job (import, extraction, bundle, backup) in the shape of the `job.progress` event. */
    onJobProgress(listener: (p: EventPayload<'job.progress'>) => void): () => void {
      const forward = (p: unknown) => {
        const r = events['job.progress'].safeParse(p);
        if (r.success) listener(r.data);
      };
      const offs = [
        docs.onJobProgress(forward),
        bundles.onJobProgress(forward),
        protection.backup.onProgress((p) => forward({ jobId: p.jobId ?? 'backup', kind: 'backup', done: p.done, total: p.total, label: p.phase })),
      ];
      return () => offs.forEach((off) => off());
    },
    handlers,
    dispatcher: (o: DispatcherOptions) => createDispatcher(handlers, o),
  };
}
export type AppServices = ReturnType<typeof createAppServices>;

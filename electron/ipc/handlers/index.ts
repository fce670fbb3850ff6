import type { RestoreService } from '../../services/backup/restore-service';
import type { BackupService } from '../../services/backup/backup-service';
import type { BundleService } from '../../services/bundles/bundle-service';
import type { CaseWork } from '../../services/cases';
import type { ChangeWriter } from '../../services/changes/change-writer';
import type { DeadlineRulesService } from '../../services/deadline-rules/deadline-rules-service';
import type { Dialogs } from '../../services/dialogs';
import type { DocumentService } from '../../services/documents/document-service';
import type { RedactionService } from '../../services/redaction/redaction-service';
import type { MediaStreams } from '../../services/media/media-streams';
import type { PickedPaths } from '../../services/paths/picked-paths';
import type { SearchService } from '../../services/search/search-service';
import type { SettingsService } from '../../services/settings/settings-service';
import type { ProtectionService } from '../../services/protection/protection-service';
import type { VaultService } from '../../services/vault-service';
import type { VerifyService } from '../../services/verify/verify-service';
import type { Handlers } from '../dispatcher';
import { backupHandlers } from './backup';
import { bundlesHandlers } from './bundles';
import { caseHandlers } from './cases';
import { dialogHandlers } from './dialog';
import { documentsHandlers } from './documents';
import { protectionHandlers } from './protection';
import { rulesHandlers } from './rules';
import { searchHandlers } from './search';
import { settingsHandlers } from './settings';
import { vaultHandlers } from './vault';
import { viewerHandlers } from './viewer';
import { teamHandlers } from './team';
import type { Sharing } from '../../services/sharing';
import type { SyncService } from '../../services/sync/sync-service';
import type { SharedDocs } from '../../services/merge/shared-docs';
import type { TeamSync } from '../../services/team-sync';

/**
 * The services the handlers call. Spelled out here rather than imported from the composition root, which sits
 * above this layer (docs/architecture.md); what `createAppServices` returns satisfies it.
 */
export interface HandlerServices {
  vault: VaultService;
  dialogs: Dialogs;
  picked: PickedPaths;
  caseWork: CaseWork;
  rules: DeadlineRulesService;
  writer: ChangeWriter;
  documents: DocumentService;
  redaction: RedactionService;
  verify: VerifyService;
  search: SearchService;
  bundles: BundleService;
  settings: SettingsService;
  backup: BackupService;
  restore: RestoreService;
  protection: ProtectionService;
  media: MediaStreams;
  sharing: Sharing;
  sync: SyncService;
  sharedDocs: SharedDocs;
  teamSync: TeamSync;
}

/** The settings' language; a locked vault has no settings to read, and its dialogs speak English. */
function uiLanguage(settings: SettingsService) {
  try {
    return settings.get().language;
  } catch {
    return 'en' as const;
  }
}

/**
 * Step two of the composition: one handler per contract channel. Typed `Handlers`, not `Partial`, so a
 * channel added to shared/ipc/contract.ts without a handler here fails typecheck
 * (tests/unit/ipc-handlers-complete.test.ts proves it).
 */
export function createHandlers(s: HandlerServices): Handlers {
  return {
    ...vaultHandlers(s.vault, s.restore, s.picked),
    ...dialogHandlers(s.dialogs, s.picked, () => uiLanguage(s.settings)),
    ...caseHandlers(s.caseWork, { vault: s.vault, writer: s.writer, picked: s.picked }),
    // After the case handlers: its events.update also recounts the deadlines the event started.
    ...rulesHandlers(s.rules, s.caseWork, s.writer),
    ...documentsHandlers(s.documents, s.verify, s.picked, s.redaction),
    ...searchHandlers(s.search),
    ...bundlesHandlers(s.bundles, s.picked),
    ...settingsHandlers(s.settings),
    ...backupHandlers(s.backup, s.picked),
    ...protectionHandlers(s.protection),
    ...viewerHandlers(s.documents, s.media),
    ...teamHandlers(s),
  };
}

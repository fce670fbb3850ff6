import type { AppServices } from '../../services/app-services';
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

/**
 * Step two of the composition: one handler per contract channel. Typed `Handlers`, not `Partial`, so a
 * channel added to shared/ipc/contract.ts without a handler here fails typecheck
 * (tests/unit/ipc-handlers-complete.test.ts proves it).
 */
export function createHandlers(s: AppServices): Handlers {
  return {
    ...vaultHandlers(s.vault, s.restore, s.picked),
    ...dialogHandlers(s.dialogs, s.picked),
    ...caseHandlers(s.caseWork),
    // After the case handlers: its events.update also recounts the deadlines the event started.
    ...rulesHandlers(s.rules, s.caseWork, s.writer),
    ...documentsHandlers(s.documents, s.verify, s.picked),
    ...searchHandlers(s.search),
    ...bundlesHandlers(s.bundles, s.picked),
    ...settingsHandlers(s.settings),
    ...backupHandlers(s.backup, s.picked),
    ...protectionHandlers(s.protection),
    ...viewerHandlers(s.documents, s.media),
  };
}

import { SaktaError } from '../../../shared/errors';
import type { ConflictView } from '../../../shared/schemas/team';
import type { Handlers } from '../dispatcher';
import type { CaseWork } from '../../services/cases';
import type { SharedDocs } from '../../services/merge/shared-docs';
import type { PickedPaths } from '../../services/paths/picked-paths';
import { checkTargetFolder } from '../../services/paths/real-paths';
import type { SettingsService } from '../../services/settings/settings-service';
import { safetyCode, sharedCases, type Sharing } from '../../services/sharing';
import type { SyncService } from '../../services/sync/sync-service';
import type { VaultService } from '../../services/vault-service';
import type { ChangeWriter } from '../../services/changes/change-writer';
import type { TeamSync } from '../../services/team-sync';
import { engineView } from './team-engine';

type TeamHandlers = Pick<Handlers, `team.${string}` & keyof Handlers>;

export interface TeamDeps {
  vault: VaultService;
  writer: ChangeWriter;
  sharing: Sharing;
  sync: SyncService;
  sharedDocs: SharedDocs;
  settings: SettingsService;
  picked: PickedPaths;
  caseWork: CaseWork;
  teamSync: TeamSync;
}

/**
 * Shared cases from the window: thin over the services `sakta identity/pair/share/members/unshare/sync/conflicts/
 * resolve` call. The identity is made only by `team.setUp` (one trail entry of its own), so pairing and every
 * read never write one on the side.
 */
export function teamHandlers(d: TeamDeps): TeamHandlers {
  const db = () => d.vault.current().db;
  const me = () => {
    const id = d.sharing.identity.get(db());
    if (!id) throw new SaktaError('VALIDATION', 'Set up this device for sharing first.');
    return id;
  };
  const teamFolder = () => {
    const f = d.settings.get().teamFolder;
    if (!f) throw new SaktaError('VALIDATION', 'Choose the team folder first.', { teamFolder: 'Choose the team folder' });
    return f;
  };
  const title = (caseId: string) => {
    const r = db().prepare('SELECT title FROM cases WHERE id = ?').get(caseId) as { title: string } | undefined;
    return r?.title ?? null;
  };
  const shareView = (r: { caseId: string; deviceId: string; epoch: number }) => ({ caseId: r.caseId, deviceId: r.deviceId, epoch: r.epoch });

  return {
    'team.identity': () => {
      const id = d.sharing.identity.get(db());
      const peers = id ? d.sharing.pairing.peers().map((p) => ({ deviceId: p.deviceId, name: p.name, pairedAt: p.pairedAt, safetyCode: safetyCode(d.vault.crypto, id, p) })) : [];
      return { deviceId: id?.deviceId ?? null, peers, teamFolder: d.settings.get().teamFolder };
    },
    'team.setUp': () => ({ deviceId: d.writer.write((w) => d.sharing.identity.ensure(w)).deviceId }),
    'team.setFolder': async (r) => {
      const real = checkTargetFolder(d.picked.take('team-folder', r.folder, 'folder'), d.vault.current().paths.dir, 'teamFolder');
      await d.settings.update({ teamFolder: real });
      return { name: real.split(/[\\/]/).filter(Boolean).pop() ?? real };
    },
    'team.pair': (r) => {
      me();
      const folder = d.picked.peek('pairing-folder', r.folder, 'folder');
      const { created } = d.sharing.pairing.offer(folder);
      const { offers, refused } = d.sharing.pairing.scan(folder);
      return { created, offers, refused: refused.map((x) => ({ file: x.file, message: x.message })) };
    },
    'team.confirmPair': (r) => {
      me();
      return d.sharing.pairing.confirm(d.picked.peek('pairing-folder', r.folder, 'folder'), r.code, r.name);
    },
    'team.share': (r) => shareView(d.sync.share(r.caseId, r.deviceId, teamFolder())),
    'team.members': (r) => {
      // A case never shared has no members (the service refuses it); the page shows "not shared".
      const keyed = sharedCases(db()).some((c) => c.caseId === r.caseId);
      return { caseId: r.caseId, shared: d.sharedDocs.isShared(db(), r.caseId), members: keyed ? d.sharing.membership.members(r.caseId) : [] };
    },
    'team.unshare': (r) => shareView(d.sync.unshare(r.caseId, r.deviceId, teamFolder())),
    'team.sync': async () => {
      me();
      return d.sync.sync(teamFolder());
    },
    'team.status': () => ({ cases: d.sync.status().map((c) => ({ ...c, title: title(c.caseId) })) }),
    'team.engine': async () => engineView(await d.teamSync.status(), title),
    'team.conflicts': (r) => {
      const self = d.sharing.identity.get(db())?.deviceId ?? null;
      const names = new Map(d.sharing.pairing.peers().map((p) => [p.deviceId, p.name]));
      const conflicts: ConflictView[] = d.sharedDocs.conflicts(db(), r.caseId).map((c) => ({
        ...c,
        caseTitle: title(c.caseId),
        values: c.values.map((v) => ({ ...v, authorName: names.get(v.actor) ?? null, self: v.actor === self })),
      }));
      return { conflicts };
    },
    'team.resolve': (r) => ({ caseId: d.writer.write((w) => d.sharedDocs.resolve(w, r.conflictId, r.take)).caseId }),
  };
}

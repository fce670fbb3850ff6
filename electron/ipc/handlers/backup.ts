import type { Handlers } from '../dispatcher';
import type { BackupService } from '../../services/backup/backup-service';
import type { PickedPaths } from '../../services/paths/picked-paths';

type BackupHandlers = Pick<Handlers, `backup.${string}` & keyof Handlers>;

export function backupHandlers(backup: BackupService, picked: PickedPaths): BackupHandlers {
  const folder = (token: string | undefined, field: string) => (token === undefined ? undefined : picked.take('backup-folder', token, field));
  return {
    'backup.status': () => backup.status(),
    'backup.run': (r) => backup.run({ to: folder(r.folder, 'folder'), jobId: r.jobId }),
    'backup.cancel': () => ({ cancelled: backup.cancel() }),
    // No passphrase over IPC here: the vault is open, and the signature check needs none.
    'backup.verify': (r) => backup.verify(folder(r.from, 'from')),
    'backup.setFolder': async (r) => ({ name: await backup.setFolder(picked.take('backup-folder', r.folder, 'folder')) }),
  };
}

import type { Handlers } from '../dispatcher';
import type { BackupService } from '../../services/backup/backup-service';

type BackupHandlers = Pick<Handlers, `backup.${string}` & keyof Handlers>;

export function backupHandlers(backup: BackupService): BackupHandlers {
  return {
    'backup.status': () => backup.status(),
    'backup.run': (r) => backup.run({ to: r.to, jobId: r.jobId }),
    'backup.cancel': () => ({ cancelled: backup.cancel() }),
    // No passphrase over IPC here: the vault is open, and the signature check needs none.
    'backup.verify': (r) => backup.verify(r.from),
  };
}

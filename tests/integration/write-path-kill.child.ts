/**
 * Child of write-path.test.ts: opens the vault and dies by SIGKILL inside a write, after the row and its
 * audit entry were written and before the commit. argv: vaultDir caseId; the passphrase in SAKTA_PASSPHRASE
 */
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';

const [vaultDir, caseId] = process.argv.slice(2) as [string, string];
const services = createAppServices({ vaultDir, crypto: createNativeCrypto(), allowTestKdf: true });
services.events.on('data.changed', () => process.stdout.write('data.changed\n'));
await services.vault.unlock(process.env.SAKTA_PASSPHRASE ?? '');
services.writer.write(({ db, at, newId, record }) => {
  db.prepare('INSERT INTO notes (id, case_id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(newId(), caseId, 'killed', 'x', at, at);
  record({ action: 'note.create', entityType: 'note', entityId: 'n', caseId });
  process.stdout.write('inside\n');
  process.kill(process.pid, 'SIGKILL');
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { ScriptedDialogs } from '../../electron/services/dialogs';
import { dispatcherFor } from '../helpers/ipc';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { APP_CALLER } from './documents-fixtures';

describe('OS dialog titles follow the UI language (issue 14)', () => {
  it('every dialog the app opens is titled in the language chosen in Settings, and switches with it', async () => {
    const dialogs = new ScriptedDialogs();
    const services = createAppServices({ vaultDir: path.join(tmpDir(), 'vault'), crypto: createNativeCrypto(), allowTestKdf: true, dialogs });
    await services.vault.create(PASS);
    const dispatch = dispatcherFor(services, { allowedOrigins: [APP_CALLER.origin] });
    const call = async (channel: string, payload: unknown) => dispatch(channel, payload, APP_CALLER);
    const openAll = async () => {
      await call('dialog.openFiles', { purpose: 'import-documents' });
      await call('dialog.saveFile', { purpose: 'export-calendar', defaultName: 'hearings.ics' });
      await call('dialog.pickFolder', { purpose: 'backup-folder' });
      return dialogs.titles.splice(0);
    };

    expect(await openAll()).toEqual(['Import documents', 'Save the calendar', 'Choose a folder for backups']);
    const switched = (await call('settings.update', { patch: { language: 'ru' } })) as { ok: boolean };
    expect(switched.ok).toBe(true);
    const ru = await openAll();
    expect(ru).toEqual(['Импорт документов', 'Сохранить календарь', 'Выберите папку для резервных копий']);
    for (const title of ru) expect(title).not.toMatch(/[A-Za-z]/);
  });
});

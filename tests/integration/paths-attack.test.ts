import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { ScriptedDialogs } from '../../electron/services/dialogs';
import { runCli } from '../helpers/cli';
import { dispatcherFor } from '../helpers/ipc';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { APP_CALLER, sample, sha256File } from './documents-fixtures';

/**
 * Issue 13, written as the attacks that found it: a compromised page naming any path it likes, special files
 * offered as documents, and exports aimed at the vault through links. The main process owns every path.
 */
const env = { SAKTA_PASSPHRASE: PASS, SAKTA_TEST_FAST_KDF: '1' };
const caller = APP_CALLER;

/** A vault as the app window reaches it: real services, real dispatcher, OS dialogs answered by the test. */
async function appVault() {
  const dir = path.join(tmpDir(), 'vault');
  const dialogs = new ScriptedDialogs();
  const services = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true, dialogs });
  await services.vault.create(PASS);
  const caseId = services.caseWork.cases.create({ title: 'Дело о пытках' }).id;
  const dispatch = dispatcherFor(services, { allowedOrigins: [caller.origin] });
  const call = async (channel: string, payload: unknown) => dispatch(channel, payload, caller);
  return { dir, dialogs, services, caseId, call };
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('the main process owns every path (IPC, as a compromised page would call it)', () => {
  it('a path the page names is refused everywhere; only a fresh token from the matching dialog works, once', async () => {
    const v = await appVault();
    const out = tmpDir();
    const bashrc = path.join(out, '.bashrc');
    fs.writeFileSync(bashrc, 'alias ls=ls\n');
    const before = sha256File(bashrc);

    // Import: paths are not accepted at all.
    expect(code(await v.call('documents.import', { caseId: v.caseId, paths: [sample('injury-photo-1.png')] }))).toBe('BAD_REQUEST');
    v.dialogs.files.push([sample('injury-photo-1.png')]);
    const picked = await v.call('dialog.openFiles', { purpose: 'import-documents' });
    const files = (picked as { value: { files: { token: string; name: string }[] } }).value.files;
    expect(files.map((f) => f.name)).toEqual(['injury-photo-1.png']);
    expect(JSON.stringify(picked)).not.toContain('/'); // the page never sees where the file is
    const imported = await v.call('documents.import', { caseId: v.caseId, files: files.map((f) => f.token) });
    expect(code(imported)).toBe('ok');
    const docId = (imported as { value: { documents: { id: string }[] } }).value.documents[0]!.id;
    // Spent: the same token imports nothing a second time.
    expect(code(await v.call('documents.import', { caseId: v.caseId, files: files.map((f) => f.token) }))).toBe('VALIDATION');

    // Export: the attack wrote ~/.bashrc with overwrite: true.
    expect(code(await v.call('documents.export', { id: docId, path: bashrc, overwrite: true }))).toBe('BAD_REQUEST');
    // A made-up token, and a real token drawn for another purpose (an import dialog), name nothing.
    expect(code(await v.call('documents.export', { id: docId, target: randomBytes(32).toString('hex'), overwrite: true }))).toBe('VALIDATION');
    v.dialogs.files.push([bashrc]);
    const importToken = ((await v.call('dialog.openFiles', { purpose: 'import-documents' })) as { value: { files: { token: string }[] } }).value.files[0]!.token;
    expect(code(await v.call('documents.export', { id: docId, target: importToken, overwrite: true }))).toBe('VALIDATION');
    // Bundles and backups: their old path fields are gone, and the setting cannot be pointed anywhere by the page.
    expect(code(await v.call('bundles.export', { caseId: v.caseId, outPath: path.join(out, 'b.pdf') }))).toBe('BAD_REQUEST');
    expect(code(await v.call('backup.run', { to: out }))).toBe('BAD_REQUEST');
    expect(code(await v.call('backup.verify', { from: out }))).toBe('BAD_REQUEST');
    expect(code(await v.call('settings.update', { patch: { backupFolder: out } }))).toBe('VALIDATION');
    expect(sha256File(bashrc)).toBe(before);
    expect(fs.readdirSync(out).sort()).toEqual(['.bashrc']);
    expect(v.services.settings.get().backupFolder).toBeNull();

    // The user's own choice in the save dialog works, once; the folder dialog sets the backup folder.
    const copy = path.join(out, 'photo.png');
    v.dialogs.saves.push(copy);
    const save = ((await v.call('dialog.saveFile', { purpose: 'export-document', defaultName: 'photo.png' })) as { value: { file: { token: string; name: string } } }).value.file;
    expect(save.name).toBe('photo.png');
    expect(code(await v.call('documents.export', { id: docId, target: save.token }))).toBe('ok');
    expect(sha256File(copy)).toBe(sha256File(sample('injury-photo-1.png')));
    expect(code(await v.call('documents.export', { id: docId, target: save.token, overwrite: true }))).toBe('VALIDATION');
    const backups = tmpDir();
    v.dialogs.folders.push(backups);
    const folder = ((await v.call('dialog.pickFolder', { purpose: 'backup-folder' })) as { value: { folder: { token: string } } }).value.folder;
    expect(code(await v.call('backup.setFolder', { folder: folder.token }))).toBe('ok');
    expect(v.services.settings.get().backupFolder).toBe(fs.realpathSync(backups));

    // Tokens die with the lock.
    v.dialogs.saves.push(path.join(out, 'later.png'));
    const later = ((await v.call('dialog.saveFile', { purpose: 'export-document', defaultName: 'later.png' })) as { value: { file: { token: string } } }).value.file;
    v.services.vault.lock('user');
    await v.services.vault.unlock(PASS);
    expect(code(await v.call('documents.export', { id: docId, target: later.token }))).toBe('VALIDATION');
    expect(fs.existsSync(path.join(out, 'later.png'))).toBe(false);
  });

  it('the folder dialog cannot make the vault (or a link to it) the backup folder', async () => {
    const v = await appVault();
    const link = path.join(tmpDir(), 'innocent-folder');
    fs.symlinkSync(v.dir, link);
    v.dialogs.folders.push(link);
    const folder = ((await v.call('dialog.pickFolder', { purpose: 'backup-folder' })) as { value: { folder: { token: string } } }).value.folder;
    expect(code(await v.call('backup.setFolder', { folder: folder.token }))).toBe('VALIDATION');
    await expect(v.services.backup.run({ to: link })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('only regular files are imported', () => {
  it('/proc/self/environ, a FIFO, a folder and a device are refused, through the dialog and the CLI, and nothing is added', async () => {
    const v = await appVault();
    const dir = tmpDir();
    const fifo = path.join(dir, 'evidence.pdf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const linkToEnviron = path.join(dir, 'statement.txt');
    fs.symlinkSync('/proc/self/environ', linkToEnviron);
    for (const p of ['/proc/self/environ', linkToEnviron, fifo, dir, '/dev/zero']) {
      v.dialogs.files.push([p]);
      const files = ((await v.call('dialog.openFiles', { purpose: 'import-documents' })) as { value: { files: { token: string }[] } }).value.files;
      const r = await v.call('documents.import', { caseId: v.caseId, files: files.map((f) => f.token) });
      expect(code(r), p).toBe('VALIDATION');
      expect(JSON.stringify(r)).toContain('not a regular file');
    }
    expect(v.services.documents.list({ caseId: v.caseId })).toEqual([]);

    v.services.vault.lock();
    for (const p of ['/proc/self/environ', fifo]) {
      // A FIFO would block a reader forever: the CLI must answer, not hang.
      const r = await runCli(['import', '--vault', v.dir, '--case', v.caseId, p], { env, timeoutMs: 30_000 });
      expect(r.signal, p).toBeNull();
      expect(r.code, p).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
    const docs = await runCli(['docs', '--vault', v.dir, '--case', v.caseId, '--json'], { env });
    expect(JSON.parse(docs.stdout).documents).toEqual([]);
  });
});

describe('exports never reach the vault and never replace a file unasked (CLI)', () => {
  it('export-doc through a symlink into the vault is refused, even with --force, and the header is untouched', async () => {
    const v = await appVault();
    const doc = (await v.services.documents.import({ caseId: v.caseId, paths: [sample('hrw-letter-2017-12-20.txt')] })).documents[0]!;
    v.services.vault.lock();
    const header = path.join(v.dir, 'vault.header');
    const headerBefore = sha256File(header);
    const out = tmpDir();
    const folderLink = path.join(out, 'exports');
    fs.symlinkSync(v.dir, folderLink);
    const fileLink = path.join(out, 'letter.txt');
    fs.symlinkSync(header, fileLink);
    for (const target of [path.join(folderLink, 'vault.header'), fileLink, path.join(folderLink, 'new-copy.txt'), path.join(v.dir, 'blobs', 'copy.txt')]) {
      const r = await runCli(['export-doc', '--vault', v.dir, '--doc', doc.id, '--out', target, '--force'], { env });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toMatch(/inside the vault folder/);
    }
    expect(sha256File(header)).toBe(headerBefore);
    expect(fs.readdirSync(v.dir).filter((f) => f.includes('copy'))).toEqual([]);
    expect(fs.readdirSync(path.join(v.dir, 'blobs')).filter((f) => f.includes('copy'))).toEqual([]);
    expect((await runCli(['unlock-check', '--vault', v.dir], { env })).code).toBe(0);
    // Refused before anything was written: no export was started.
    const custody = JSON.parse((await runCli(['custody', '--vault', v.dir, '--doc', doc.id, '--json'], { env })).stdout).entries as { action: string }[];
    expect(custody.map((e) => e.action)).toEqual(['document.import']);
  });

  it('export-case onto the vault header is refused; onto an existing file only with --force; the export is audited', async () => {
    const v = await appVault();
    v.services.caseWork.notes.create({ caseId: v.caseId, title: 'Встреча с клиентом', body: 'Показания о пытках в ИВС' });
    v.services.vault.lock();
    const header = path.join(v.dir, 'vault.header');
    const headerBefore = sha256File(header);
    for (const force of [[], ['--force']]) {
      const r = await runCli(['export-case', '--vault', v.dir, '--case', v.caseId, '--out', header, ...force], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/inside the vault folder/);
    }
    expect(sha256File(header)).toBe(headerBefore);

    const out = path.join(tmpDir(), 'case.json');
    fs.writeFileSync(out, 'the lawyer’s own notes\n');
    const refused = await runCli(['export-case', '--vault', v.dir, '--case', v.caseId, '--out', out], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists; use --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe('the lawyer’s own notes\n');
    const forced = await runCli(['export-case', '--vault', v.dir, '--case', v.caseId, '--out', out, '--force'], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).notes[0].body).toContain('пытках');
    // Nothing left beside it (no part files).
    expect(fs.readdirSync(path.dirname(out))).toEqual(['case.json']);

    const s = createAppServices({ vaultDir: v.dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await s.vault.unlock(PASS);
    const trail = s.caseWork.cases.activity(v.caseId, { limit: 50 }).entries.map((e) => e.action);
    expect(trail).toContain('case.export.started');
    expect(trail).toContain('case.export');
    s.vault.lock();
  });
});

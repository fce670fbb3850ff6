import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/contract';
import type { EventPayload } from '../../shared/ipc/events';
import { dispatcherFor } from '../helpers/ipc';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { RecordingShell } from '../../electron/services/shell';
import { APP_CALLER, vaultWithCase, writeFile } from './documents-fixtures';
import { device, idOf } from './sharing-fixtures';

/**
 * The write path (electron/services/changes/change-writer.ts), seen from the IPC contract: every channel
 * that changes the vault writes exactly one audit entry and sends exactly one `data.changed`; every other
 * channel writes none and sends none. A new channel must be classified here, or the first test fails.
 */
// 'export': plaintext leaves the vault, so custody records the intent before the first byte is written and the
// outcome after (issue 13): two changes through the same write path, each with its entry and its event.
// 'sync': one exchange with the team folder; each segment sent or applied is its own write (so a crash leaves each
// whole or absent), with its trail entries and its own data.changed: nothing written, nothing sent.
type Kind = 'read' | 'write' | 'export' | 'outside' | 'sync';
const CLASS: Record<Channel, Kind> = {
  // The vault's header and keys, the OS dialogs, the clipboard and the erase: not records in the database.
  'vault.status': 'outside', 'vault.create': 'outside', 'vault.unlock': 'outside', 'vault.unlockWithRecoveryKey': 'outside',
  'vault.lock': 'outside', 'vault.info': 'read', 'vault.changePassphrase': 'outside', 'vault.setKdfProfile': 'outside', 'vault.newRecoveryKey': 'outside',
  // A restore replaces the vault's files as a whole (the vault is locked while it runs).
  'vault.restore': 'outside', 'vault.cancelRestore': 'outside',
  'dialog.openFiles': 'outside', 'dialog.saveFile': 'outside', 'dialog.pickFolder': 'outside',
  'protection.copy': 'outside', 'protection.panic': 'outside', 'protection.erase': 'outside',
  'documents.cancelImport': 'outside', 'bundles.cancel': 'outside', 'backup.cancel': 'outside',
  'backup.verify': 'outside', 'documents.verifyVault': 'read',

  'cases.list': 'read', 'cases.get': 'read', 'cases.overview': 'read', 'cases.create': 'write', 'cases.update': 'write',
  'cases.delete': 'write', 'cases.facets': 'read', 'cases.activity': 'read', 'cases.quickSwitch': 'read',
  'categories.list': 'read', 'categories.add': 'write', 'categories.rename': 'write', 'categories.remove': 'write',
  'persons.list': 'read', 'persons.search': 'read', 'persons.get': 'read', 'persons.cases': 'read',
  'persons.create': 'write', 'persons.update': 'write', 'persons.delete': 'write',
  'roles.list': 'read', 'roles.add': 'write', 'roles.update': 'write', 'roles.remove': 'write',
  'proceedings.list': 'read', 'proceedings.get': 'read', 'proceedings.create': 'write', 'proceedings.update': 'write', 'proceedings.delete': 'write',
  'events.list': 'read', 'events.get': 'read', 'events.create': 'write', 'events.update': 'write', 'events.delete': 'write',
  'hearings.list': 'read', 'hearings.get': 'read', 'hearings.create': 'write', 'hearings.update': 'write', 'hearings.delete': 'write',
  'hearings.setStatus': 'write', 'hearings.history': 'read', 'records.removalImpact': 'read', 'records.restore': 'write', 'calendar.exportIcs': 'export',
  'deadlines.list': 'read', 'deadlines.get': 'read', 'deadlines.create': 'write', 'deadlines.update': 'write',
  'deadlines.setDone': 'write', 'deadlines.delete': 'write',
  'notes.list': 'read', 'notes.get': 'read', 'notes.create': 'write', 'notes.update': 'write', 'notes.delete': 'write',
  'dashboard.get': 'read', 'calendar.range': 'read',
  'documents.import': 'write', 'documents.list': 'read', 'documents.get': 'read', 'documents.open': 'write',
  'documents.update': 'write', 'documents.updateMany': 'write', 'documents.export': 'export', 'documents.trash': 'write', 'documents.restore': 'write',
  'documents.redact': 'write',
  'documents.purgeTrash': 'write', 'documents.custody': 'read',
  'search.query': 'read',
  'bundles.defaults': 'read', 'bundles.listDefinitions': 'read', 'bundles.getDefinition': 'read', 'bundles.saveDefinition': 'write',
  'bundles.deleteDefinition': 'write', 'bundles.preview': 'read', 'bundles.export': 'export',
  // Opening a written bundle is recorded (bundle.open); checking it reads files outside the vault only.
  'bundles.openOutput': 'write', 'bundles.verifyOutput': 'read',
  'settings.get': 'read', 'settings.update': 'write',
  'backup.status': 'read', 'backup.run': 'write', 'backup.setFolder': 'write',
  'viewer.read': 'read', 'viewer.media': 'read',
  'rules.list': 'read', 'rules.compute': 'read', 'rules.propose': 'read', 'rules.accept': 'write', 'rules.links': 'read',
  'rules.linksFor': 'read', 'rules.acknowledge': 'write', 'rules.holidays': 'read', 'rules.setDay': 'write', 'rules.removeDay': 'write',
  // Shared cases. Pairing leaves a file in the folder and reads the others' (the trust is `team.confirmPair`).
  'team.identity': 'read', 'team.setUp': 'write', 'team.setFolder': 'write', 'team.pair': 'outside', 'team.confirmPair': 'write',
  'team.share': 'write', 'team.members': 'read', 'team.unshare': 'write', 'team.sync': 'sync', 'team.status': 'read',
  'team.engine': 'read', 'team.conflicts': 'read', 'team.resolve': 'write',
};

describe('the write path', () => {
  it('classifies every contract channel', () => {
    expect(Object.keys(CLASS).sort()).toEqual([...CHANNELS].sort());
  });

  it('every mutating channel: one audit entry and one data.changed, after the commit; reads: none', async () => {
    const v = await vaultWithCase('Write path', { shell: new RecordingShell() });
    const { services, clock } = v;
    const dispatch = dispatcherFor(services, { allowedOrigins: [APP_CALLER.origin] });
    // A statement for the bundle, imported and read for search before counting starts: the background
    // extraction sends its own data.changed when it finishes, which would blur the counts below.
    await services.documents.import({ caseId: v.caseId, paths: [writeFile(tmpDir(), 'statement.txt', 'Statement of the witness')] });
    // A picture to redact, read (OCR) before counting for the same reason.
    const m = await import('mupdf');
    const white = new m.Pixmap(m.ColorSpace.DeviceRGB, [0, 0, 32, 32], false);
    white.clear(255);
    const photo = (await services.documents.import({ caseId: v.caseId, paths: [writeFile(tmpDir(), 'photo.png', white.asPNG())] })).documents[0]!;
    await services.documents.scheduleExtraction();
    const events: EventPayload<'data.changed'>[] = [];
    services.events.on('data.changed', (e) => {
      // Sent after the commit: the entry it follows is already readable from another statement.
      events.push(e);
    });
    const head = () => (services.vault.current().db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number }).seq;
    const out = tmpDir();
    // Not a text kind, so no background extraction adds events of its own.
    const evidence = writeFile(tmpDir(), 'evidence.bin', new Uint8Array(4096).fill(7));
    const ids: Record<string, string> = { case: v.caseId };
    const called = new Set<Channel>();

    async function run(channel: Channel, req: unknown, keep?: ((value: never) => void) | { refused: string }): Promise<void> {
      const seqBefore = head();
      const eventsBefore = events.length;
      const r = await dispatch(channel, req, APP_CALLER);
      if (keep && 'refused' in keep) expect(r.ok ? r : r.error.code, channel).toBe(keep.refused);
      else {
        expect(r.ok ? r : [channel, r.error], channel).toMatchObject({ ok: true });
        if (r.ok) keep?.(r.value as never);
      }
      const kind = CLASS[channel];
      const entries = head() - seqBefore;
      const sent = events.slice(eventsBefore);
      if ((kind === 'write' || kind === 'export') && r.ok) {
        const changes = kind === 'export' ? 2 : 1;
        expect([channel, entries], 'audit entries').toEqual([channel, changes]);
        expect([channel, sent.length], 'data.changed events').toEqual([channel, changes]);
        const entry = services.vault.current().audit.list(services.vault.current().db, { limit: 1 })[0]!;
        expect(sent[0]!.entities, channel).toContain(entry.entityType);
        if (entry.caseId) expect(sent[0]!.caseIds, channel).toContain(entry.caseId);
      } else if (kind === 'sync' && r.ok) {
        expect([channel, entries === 0, sent.length === 0], 'an exchange: entries and events together').toEqual([channel, sent.length === 0, entries === 0]);
        expect(entries).toBeGreaterThanOrEqual(sent.length);
      } else {
        expect([channel, entries, sent.length], 'a read writes nothing').toEqual([channel, 0, 0]);
      }
      called.add(channel);
    }
    const id = (k: string) => (x: { id: string }) => (ids[k] = x.id);
    const c = ids.case!;
    // Paths cross only as tokens of the OS dialog (here granted directly, as the dialog would).
    const token = (purpose: Parameters<typeof services.picked.grant>[0], p: string) => services.picked.grant(purpose, p).token;

    await run('categories.add', { name: 'Land rights' }, id('category'));
    await run('categories.rename', { id: ids.category, name: 'Land and water' });
    await run('categories.list', {});
    await run('cases.create', { title: 'A second case' }, id('case2'));
    await run('cases.update', { id: c, patch: { stage: 'appeal' } });
    await run('persons.create', { name: 'Азамат Токтогулов' }, id('person'));
    // A person in no case yet: one entry (a person in cases gets one entry in each case's trail).
    await run('persons.update', { id: ids.person, patch: { nameTranslit: 'Azamat Toktogulov' } });
    await run('roles.add', { caseId: c, personId: ids.person, role: 'client' }, id('role'));
    await run('roles.update', { id: ids.role, patch: { description: 'since 2014' } });
    await run('proceedings.create', { caseId: c, type: 'complaint_to_prosecutor', body: 'Prosecutor of Bishkek' }, id('proceeding'));
    await run('proceedings.update', { id: ids.proceeding, patch: { status: 'decided' } });
    await run('events.create', { caseId: c, date: { precision: 'day', date: '2014-07-18' }, type: 'arrest' }, id('event'));
    await run('events.update', { id: ids.event, patch: { place: 'ИВС ГУВД' } });
    // A refusal, the deadline its rule gives, and a calendar correction that moves nothing (one entry each).
    await run('events.create', { caseId: c, date: { precision: 'day', date: '2026-03-12' }, type: 'decision', description: 'отказ в возбуждении' }, id('refusal'));
    await run('rules.propose', { eventId: ids.refusal });
    await run('rules.accept', { eventId: ids.refusal, ruleId: 'kg-upk.154-3', triggerOn: '2026-03-12' }, (r: { deadline: { id: string } }) => (ids.ruleDeadline = r.deadline.id));
    await run('rules.setDay', { date: '2027-06-01', kind: 'non_working', name: 'Declared a day off' });
    await run('rules.removeDay', { date: '2027-06-01' });
    await run('rules.acknowledge', { deadlineId: ids.ruleDeadline });
    await run('rules.list', {});
    await run('rules.compute', { ruleId: 'kg-upk.154-3', from: '2026-03-12' });
    await run('rules.links', { caseId: c });
    await run('rules.linksFor', { deadlineIds: [ids.ruleDeadline] });
    await run('rules.holidays', { year: 2026 });
    await run('hearings.create', { caseId: c, date: '2024-04-20', body: 'Pervomaisky District Court' }, id('hearing'));
    await run('hearings.update', { id: ids.hearing, patch: { room: '12' } });
    await run('hearings.setStatus', { id: ids.hearing, status: 'adjourned', date: '2024-05-15', reason: 'Судья в отпуске' });
    await run('deadlines.create', { caseId: c, dueOn: '2024-04-10', what: 'Appeal' }, id('deadline'));
    await run('deadlines.update', { id: ids.deadline, patch: { what: 'Appeal of the refusal' } });
    await run('deadlines.setDone', { id: ids.deadline, done: true });
    await run('notes.create', { caseId: c, title: 'Meeting', body: 'Notes' }, id('note'));
    await run('notes.update', { id: ids.note, patch: { body: 'More notes' } });
    await run('documents.import', { caseId: c, files: [token('import-documents', evidence)] }, (r: { documents: { id: string }[] }) => (ids.document = r.documents[0]!.id));
    await run('documents.update', { id: ids.document, patch: { title: 'Medical report' } });
    // One document here (one entry); several make one entry each, in one transaction (documents-bulk.test.ts).
    await run('documents.updateMany', { caseId: c, ids: [ids.document], patch: { type: 'medical-report', addTags: ['bulk'] } });
    await run('documents.open', { id: ids.document });
    await run('documents.export', { id: ids.document, target: token('export-document', path.join(out, 'copy.bin')) });
    await run('documents.trash', { id: ids.document });
    await run('documents.restore', { id: ids.document });
    await run('documents.redact', { id: photo.id, marks: [{ page: 1, x: 4, y: 4, w: 8, h: 8 }] });
    // The redacted picture's OCR, done before the next call is counted.
    await services.documents.scheduleExtraction();
    await run('documents.import', { caseId: c, files: [token('import-documents', writeFile(tmpDir(), 'old.bin', new Uint8Array(100).fill(1)))] }, (r: { documents: { id: string }[] }) => (ids.old = r.documents[0]!.id));
    await run('documents.trash', { id: ids.old });
    clock.now = new Date(clock.now.getTime() + 31 * 86_400_000);
    await run('documents.purgeTrash', {});
    await run('bundles.saveDefinition', { caseId: c, name: 'Court', definition: services.bundles.defaults(c) }, id('definition'));
    await run('bundles.getDefinition', { id: ids.definition });
    await run('bundles.listDefinitions', { caseId: c });
    await run('bundles.defaults', { caseId: c });
    await run('bundles.preview', { caseId: c, definitionId: ids.definition });
    await run('bundles.export', { caseId: c, definitionId: ids.definition, target: token('export-bundle', path.join(out, 'bundle.pdf')) }, (r: { outputId: string }) => (ids.output = r.outputId));
    await run('bundles.openOutput', { outputId: ids.output, action: 'reveal' });
    await run('bundles.verifyOutput', { outputId: ids.output });
    await run('bundles.deleteDefinition', { id: ids.definition });
    await run('settings.update', { patch: { autoLockMinutes: 7 } });
    await run('settings.get', {});
    fs.mkdirSync(path.join(out, 'usb'));
    await run('backup.setFolder', { folder: token('backup-folder', path.join(out, 'usb')) });
    await run('backup.run', { folder: token('backup-folder', path.join(out, 'usb')) });
    await run('backup.status', {});

    // Reads, with records to read.
    await run('cases.list', {});
    await run('cases.get', { id: c });
    await run('cases.overview', { id: c });
    await run('cases.facets', {});
    await run('cases.activity', { caseId: c });
    await run('cases.quickSwitch', { query: 'Write' });
    await run('persons.list', {});
    await run('persons.search', { query: 'Азамат' });
    await run('persons.get', { id: ids.person });
    await run('persons.cases', { id: ids.person });
    await run('roles.list', { caseId: c });
    await run('proceedings.list', { caseId: c });
    await run('proceedings.get', { id: ids.proceeding });
    await run('events.list', { caseId: c });
    await run('events.get', { id: ids.event });
    await run('hearings.list', { caseId: c });
    await run('hearings.get', { id: ids.hearing });
    await run('hearings.history', { caseId: c });
    await run('records.removalImpact', { entityType: 'proceeding', id: ids.proceeding });
    await run('deadlines.list', { caseId: c });
    await run('deadlines.get', { id: ids.deadline });
    await run('notes.list', { caseId: c });
    await run('notes.get', { id: ids.note });
    await run('dashboard.get', {});
    await run('calendar.range', { from: '2024-04-01', to: '2024-05-31' });
    await run('calendar.exportIcs', { target: token('export-calendar', path.join(out, 'hearings.ics')), caseIds: [c], hearings: true, deadlines: true });
    await run('documents.list', { caseId: c });
    await run('documents.get', { id: ids.document });
    await run('documents.custody', { id: ids.document });
    await run('documents.verifyVault', {});
    await run('search.query', { query: 'Meeting' });
    await run('vault.info', {});
    await run('viewer.read', { id: ids.document, start: 0, length: 100 });
    // Refused (not a recording), and so writes nothing either.
    await run('viewer.media', { id: ids.document }, { refused: 'UNSUPPORTED' });

    // Deletes last.
    await run('notes.delete', { id: ids.note });
    await run('records.restore', { id: ids.note });
    await run('notes.delete', { id: ids.note });
    await run('deadlines.delete', { id: ids.deadline });
    await run('hearings.delete', { id: ids.hearing });
    await run('events.delete', { id: ids.event });
    await run('proceedings.delete', { id: ids.proceeding });
    await run('roles.remove', { id: ids.role });
    await run('persons.delete', { id: ids.person });
    await run('categories.remove', { id: ids.category });
    await run('cases.delete', { id: ids.case2 });

    // Shared cases: set up, a team folder, pairing with a second vault, sharing, one exchange each way, a conflict.
    await run('team.identity', {});
    await run('team.setUp', {});
    const teamDir = path.join(out, 'team');
    fs.mkdirSync(teamDir);
    await run('team.setFolder', { folder: token('team-folder', teamDir) });
    const peer = await device();
    peer.sharing.pairing.offer(teamDir);
    const pairing = token('pairing-folder', teamDir);
    let code = '';
    await run('team.pair', { folder: pairing }, (r: { offers: { safetyCode: string }[] }) => (code = r.offers[0]!.safetyCode));
    await run('team.confirmPair', { folder: pairing, code, name: 'Co-counsel' });
    peer.sharing.pairing.confirm(teamDir, code, 'Lead');
    await run('team.share', { caseId: c, deviceId: idOf(peer) });
    await run('team.members', { caseId: c });
    await run('team.sync', {});
    await peer.sync.sync(teamDir);
    peer.caseWork.cases.update(c, { title: 'Title from the co-counsel' });
    await peer.sync.sync(teamDir);
    services.caseWork.cases.update(c, { title: 'Title from the lead' });
    await run('team.sync', {});
    await run('team.status', {});
    await run('team.engine', {});
    let conflict: { id: string; values: { valueId: string }[] } | undefined;
    await run('team.conflicts', { caseId: c }, (r: { conflicts: typeof conflict[] }) => (conflict = r.conflicts[0]));
    await run('team.resolve', { conflictId: conflict!.id, take: conflict!.values[0]!.valueId });
    await run('team.unshare', { caseId: c, deviceId: idOf(peer) });

    const missed = CHANNELS.filter((ch) => CLASS[ch] !== 'outside' && !called.has(ch));
    expect(missed, 'channels the test did not call').toEqual([]);
    expect(fs.existsSync(path.join(out, 'bundle.pdf'))).toBe(true);
    expect(services.vault.current().audit.verify(services.vault.current().db, services.vault.current().keys.signing.publicKey)).toEqual([]);
  }, 240_000);

  it('a write that throws after its audit entry leaves neither the change, nor the entry, nor an event', async () => {
    const { services, caseId } = await vaultWithCase('Throw inside');
    const sent: unknown[] = [];
    services.events.on('data.changed', (e) => sent.push(e));
    const s = services.vault.current();
    const before = s.audit.list(s.db, { limit: 1 })[0]!.seq;
    expect(() =>
      services.writer.write(({ db, at, newId, record }) => {
        db.prepare('INSERT INTO notes (id, case_id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(newId(), caseId, 'half', 'x', at, at);
        record({ action: 'note.create', entityType: 'note', entityId: 'n', caseId });
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(s.audit.list(s.db, { limit: 1 })[0]!.seq).toBe(before);
    expect(s.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(sent).toEqual([]);
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
  });

  it('a process killed between the audit entry and the commit leaves neither, and sent no event', async () => {
    const { dir, services, caseId } = await vaultWithCase('Kill inside');
    const s0 = services.vault.current();
    const before = s0.audit.list(s0.db, { limit: 1 })[0]!.seq;
    services.vault.lock('user');
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'write-path-kill.child.ts'), dir, caseId], {
      env: { ...process.env, SAKTA_TEST_FAST_KDF: '1', SAKTA_PASSPHRASE: PASS },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('inside\n');
    await services.vault.unlock(PASS);
    const s = services.vault.current();
    expect(s.audit.list(s.db, { limit: 1 })[0]!.seq).toBe(before);
    expect(s.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(s.audit.verify(s.db, s.keys.signing.publicKey)).toEqual([]);
  }, 180_000);
});

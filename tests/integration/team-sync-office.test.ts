import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncthingManager } from '../../electron/services/syncthing';
import { startPeer, syncRoot, waitFor } from '../helpers/syncthing';
import { filesUnder, tmpDir } from '../helpers/tmp';
import { comparableExport } from './merge-fixtures';
import { caseOf, laptop, pairTeam } from './team-sync-fixtures';

/**
 * Issue 19, done-when 1 and 3: two lawyers' vaults, each with Sakta's own Syncthing, and the office node, all real
 * daemons on 127.0.0.1. The test never calls an exchange: it edits, stops and restarts a daemon, and waits for what
 * a lawyer would see. Then nothing the office node keeps (its folder, Syncthing's database, its log) holds the
 * case's words.
 */

const TITLE = 'Канарейка-TITLE-51c2 Жолдошева против Ошского ГОВД';
const PERSON = 'Канарейка-PERSON-83d0 Айгерим Сатыбалдиева';
const NOTE = 'Канарейка-NOTE-a41e свидетель видел задержание у базара';
const CANARIES = [TITLE, PERSON, NOTE, 'Канарейка'];
const needles = CANARIES.flatMap((c) => [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le')]);
const holdsCanary = (bytes: Buffer) => needles.some((n) => bytes.includes(n));

describe('team sync through Syncthing: two vaults and the office node', () => {
  it('edits made on both sides while one daemon is down converge once it runs again, with no sync command; the office node holds no plaintext', async () => {
    const root = syncRoot();
    const officeDir = path.join(root, 'office');
    const office: SyncthingManager = await startPeer(root, 'office', { acceptDir: path.join(officeDir, 'folders'), logFile: path.join(officeDir, 'node.log') });
    const officeContact = { device: office.deviceId, address: office.listenAddress };
    const a = await laptop(root, 'a', officeContact);
    const b = await laptop(root, 'b', officeContact);
    const pairing = path.join(root, 'pairing');
    fs.mkdirSync(pairing);
    await pairTeam(a, b, pairing);

    // The pairing carried each side's Syncthing contact, signed: each knows the other's daemon.
    const aEngine = a.teamSync.contact()!;
    const bEngine = b.teamSync.contact()!;
    expect(b.sharing.pairing.peers().map((p) => p.engine)).toEqual([aEngine]);
    expect(a.sharing.pairing.peers().map((p) => p.engine)).toEqual([bEngine]);
    // The office node is told the laptops, as `sakta sync-node --peer` does.
    await office.addDevice(aEngine.device, { addresses: [aEngine.address] });
    await office.addDevice(bEngine.device, { addresses: [bEngine.address] });

    const caseId = a.caseWork.cases.create({ title: TITLE, summary: 'Пытки в ИВС' }).id;
    const person = a.caseWork.persons.create({ name: PERSON });
    a.caseWork.persons.addRole({ caseId, personId: person.id, role: 'witness' });
    await a.teamSync.share(caseId, 'Бакыт');

    // B's Sakta takes in the folder A's daemon offers, the key envelope in it, and then the case: nobody syncs by hand.
    await waitFor('B has the shared case', () => caseOf(b, caseId)?.title === TITLE);
    const folderId = (await a.teamSync.status()).cases.find((c) => c.caseId === caseId)!.folderId!;
    expect(folderId).toMatch(/^[0-9a-f]{20}$/);
    expect((await b.teamSync.status()).cases.find((c) => c.caseId === caseId)!.folderId).toBe(folderId);
    // The folder's devices are the other member's daemon and the office node.
    expect((await a.teamSync.engine!.folder(folderId)).devices.map((d) => d.deviceID).sort()).toEqual([aEngine.device, bEngine.device, office.deviceId].sort());

    // B's daemon dies (a crash); both lawyers go on working.
    process.kill(b.teamSync.engine!.pid!, 'SIGKILL');
    await waitFor('B\u2019s daemon is down', () => !b.teamSync.running);
    a.caseWork.cases.update(caseId, { summary: 'Пытки в ИВС Ош, 2019' });
    a.caseWork.notes.create({ caseId, title: 'Встреча', body: NOTE });
    b.caseWork.cases.update(caseId, { tags: ['пытки', 'ИВС'] });
    b.caseWork.notes.create({ caseId, title: 'Звонок', body: 'Готова дать показания' });
    expect(b.teamSync.running).toBe(false);

    // Sakta starts its daemon again by itself; the edits meet without anything called by the test.
    await waitFor('Sakta restarted B’s daemon', () => b.teamSync.running);
    await waitFor('both vaults hold both sides\u2019 edits', () => {
      const ca = caseOf(a, caseId);
      const cb = caseOf(b, caseId);
      return (
        ca?.summary === 'Пытки в ИВС Ош, 2019' &&
        cb?.summary === 'Пытки в ИВС Ош, 2019' &&
        JSON.stringify(ca.tags) === JSON.stringify(['пытки', 'ИВС']) &&
        JSON.stringify(cb.tags) === JSON.stringify(['пытки', 'ИВС']) &&
        b.caseWork.notes.list(caseId).some((n) => n.body === NOTE) &&
        JSON.stringify(comparableExport(a, caseId)) === JSON.stringify(comparableExport(b, caseId))
      );
    }, 240_000);
    expect(comparableExport(b, caseId)).toEqual(comparableExport(a, caseId));
    expect(a.caseWork.notes.list(caseId).map((n) => n.body).sort()).toEqual([NOTE, 'Готова дать показания'].sort());

    // The office node carried the case's sealed files: its copy of the folder holds what A's holds.
    const onNode = path.join(officeDir, 'folders', folderId);
    const aFolder = (await a.teamSync.engine!.folder(folderId)).path;
    const sealedNames = (dir: string) => fs.readdirSync(dir).filter((f) => !f.startsWith('.st') && !f.startsWith('~syncthing~')).sort();
    await waitFor('the office node holds every sealed file of the case', () => fs.existsSync(onNode) && JSON.stringify(sealedNames(onNode)) === JSON.stringify(sealedNames(aFolder)));
    expect(sealedNames(onNode).length).toBeGreaterThan(2);

    const status = await b.teamSync.status();
    expect(status.running).toBe(true);
    expect(status.problems).toEqual([]);

    // Everything stops; then the office node's whole directory (folders, Syncthing's database, its log) is scanned.
    await a.teamSync.stop();
    await b.teamSync.stop();
    await office.stop();
    expect(holdsCanary(Buffer.from(`x ${PERSON} y`, 'utf16le'))).toBe(true);
    const files = filesUnder(officeDir);
    expect(files.some((f) => f.endsWith('node.log') && fs.statSync(f).size > 0)).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}index-`))).toBe(true); // Syncthing's database
    expect(files.filter((f) => holdsCanary(fs.readFileSync(f)))).toEqual([]);
    // The laptops' Syncthing homes and folders (outside the vault folders) hold ciphertext only as well.
    expect(filesUnder(path.join(root, 'a', 'team')).filter((f) => holdsCanary(fs.readFileSync(f)))).toEqual([]);
    expect(filesUnder(path.join(root, 'b', 'team')).filter((f) => holdsCanary(fs.readFileSync(f)))).toEqual([]);
  }, 400_000);
});

describe('team sync through Syncthing: documents and removal', () => {
  it('a document imported on one side opens on the other through the daemons, SHA-256 verified; removing the member drops its daemon from the case folder', async () => {
    const root = syncRoot();
    const a = await laptop(root, 'a', null);
    const b = await laptop(root, 'b', null);
    const pairing = path.join(root, 'pairing');
    fs.mkdirSync(pairing);
    await pairTeam(a, b, pairing);
    const caseId = a.caseWork.cases.create({ title: TITLE }).id;
    await a.teamSync.share(caseId, 'Бакыт');
    await waitFor('B has the shared case', () => caseOf(b, caseId)?.title === TITLE);

    const file = path.join(tmpDir(), 'заключение-СМЭ.bin');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('Заключение судебно-медицинской экспертизы\n', 'utf8'), nodeCrypto.randomBytes(300_000)]));
    const [doc] = (await a.documents.import({ caseId, paths: [file] })).documents;
    await waitFor('the document opens on B', () => b.documents.list({ caseId }).some((d) => d.id === doc!.id));
    const blobId = b.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(doc!.id) as string;
    const bytes = await b.blobs.open(blobId).readAll();
    expect(nodeCrypto.createHash('sha256').update(bytes).digest('hex')).toBe(doc!.sha256);
    expect(nodeCrypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(doc!.sha256);

    // B leaves the case: A's folder for it no longer lists B's daemon (Syncthing then sends it nothing of it).
    const folderId = (await a.teamSync.status()).cases.find((c) => c.caseId === caseId)!.folderId!;
    const bDevice = b.teamSync.contact()!.device;
    expect((await a.teamSync.engine!.folder(folderId)).devices.map((d) => d.deviceID)).toContain(bDevice);
    await a.teamSync.unshare(caseId, 'Бакыт');
    expect((await a.teamSync.engine!.folder(folderId)).devices.map((d) => d.deviceID)).toEqual([a.teamSync.contact()!.device]);
    expect(a.sharing.membership.members(caseId).find((m) => m.deviceId === b.sharing.pairing.identity().deviceId)?.status).toBe('removed');
  }, 300_000);
});

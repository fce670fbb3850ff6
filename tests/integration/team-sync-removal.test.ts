import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncRoot, waitFor } from '../helpers/syncthing';
import { tmpDir } from '../helpers/tmp';
import { caseOf, folderDevices, folderIdOf, openedSha256, teamOfThree } from './team-sync-fixtures';

/**
 * Issue 19, done-when 4, as a lawyer meets it: three lawyers share a case, each vault with its own Syncthing; one
 * is removed from the case (`unshare --team`). Her daemon leaves the case folder on the others, and what is written
 * afterwards reaches the remaining colleague but neither her Syncthing folder nor her vault.
 */

const TITLE = 'Жолдошева против Ошского ГОВД';
const LATER = 'Пытки в ИВС Ош: новое ходатайство после исключения';

/** The shared files of a case folder (Syncthing's own entries left out), and Syncthing's temporary files apart. */
function folderFiles(dir: string): { files: Set<string>; temps: string[] } {
  const names = fs.readdirSync(dir);
  const own = (n: string) => n.startsWith('.st') || n.startsWith('.syncthing.') || n.startsWith('~syncthing~');
  return { files: new Set(names.filter((n) => !own(n))), temps: names.filter((n) => n.startsWith('.syncthing.') || n.startsWith('~syncthing~')) };
}

describe('team sync through Syncthing: a member removed from a case', () => {
  it('leaves the case folder on every remaining member; a later edit and document reach the others but not her folder nor her vault', async () => {
    const root = syncRoot();
    const { a, b, c, devices: [aDev, bDev, cDev] } = await teamOfThree(root);

    const caseId = a.caseWork.cases.create({ title: TITLE, summary: 'Пытки в ИВС' }).id;
    await a.teamSync.share(caseId, 'Бакыт');
    await a.teamSync.share(caseId, 'Чолпон');
    await waitFor('B and C have the shared case', () => caseOf(b, caseId)?.title === TITLE && caseOf(c, caseId)?.title === TITLE);
    const folderId = (await folderIdOf(a, caseId))!;
    // Every member's folder lists the three daemons (B learned C as a member from A and added C's daemon itself).
    for (const s of [a, b, c]) await waitFor('the case folder lists all three daemons', async () => JSON.stringify(await folderDevices(s, folderId)) === JSON.stringify([aDev, bDev, cDev].sort()));

    // A removes C from the case.
    await a.teamSync.unshare(caseId, 'Чолпон');
    expect(await folderDevices(a, folderId)).toEqual([aDev, bDev].sort());
    // B takes in the new key epoch (sealed to A and B only) and drops C's daemon from its copy of the folder.
    await waitFor('B dropped C\u2019s daemon from the case folder', async () => JSON.stringify(await folderDevices(b, folderId)) === JSON.stringify([aDev, bDev].sort()), 180_000);
    expect(b.sharing.membership.members(caseId).find((m) => m.deviceId === c.sharing.pairing.identity().deviceId)?.status).toBe('removed');

    // C's laptop restarts Sakta: its daemon connects again and announces the case folder to A and B, as it does at
    // every connection. (With Syncthing's auto-accept on, that announcement put C back into their case folders.)
    await c.teamSync.stop();
    await c.teamSync.start();
    await waitFor('C is connected to A and B again', async () => (await c.teamSync.engine!.peerTraffic(aDev)).connected && (await c.teamSync.engine!.peerTraffic(bDev)).connected);
    for (const s of [a, b]) expect(await folderDevices(s, folderId)).toEqual([aDev, bDev].sort());

    // What every folder holds now; anything written from here on must not reach C.
    const aDir = (await a.teamSync.engine!.folder(folderId)).path;
    const bDir = (await b.teamSync.engine!.folder(folderId)).path;
    const cDir = (await c.teamSync.engine!.folder(folderId)).path;
    const before = new Set([...folderFiles(aDir).files, ...folderFiles(bDir).files]);

    // A edits the case and adds a document; both reach B.
    a.caseWork.cases.update(caseId, { summary: LATER });
    const file = path.join(tmpDir(), 'ходатайство.bin');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('Ходатайство о проведении экспертизы\n', 'utf8'), nodeCrypto.randomBytes(200_000)]));
    const [doc] = (await a.documents.import({ caseId, paths: [file] })).documents;
    await waitFor('B has the edit and the document', () => caseOf(b, caseId)?.summary === LATER && b.documents.list({ caseId }).some((d) => d.id === doc!.id), 180_000);
    expect(await openedSha256(b, doc!.id)).toBe(doc!.sha256);
    const newOnA = [...folderFiles(aDir).files].filter((n) => !before.has(n));
    const newOnB = [...folderFiles(bDir).files].filter((n) => !before.has(n));
    expect(newOnA.length).toBeGreaterThan(0);

    // C's daemon is still connected to A and B (they stay paired; only the case left her), and gets a fair window:
    // it scans and asks for twenty seconds; none of the new files, not even a temporary one, appears in its folder.
    await waitFor('C is connected to A and B', async () => (await c.teamSync.engine!.peerTraffic(aDev)).connected && (await c.teamSync.engine!.peerTraffic(bDev)).connected);
    await c.teamSync.engine!.scan(folderId);
    const fresh = new Set([...newOnA, ...newOnB]);
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const inC = folderFiles(cDir);
      expect([...inC.files].filter((n) => fresh.has(n))).toEqual([]);
      expect(inC.temps.filter((t) => [...fresh].some((n) => t.includes(n)))).toEqual([]);
    }
    // Nor C's vault: no edit, no document.
    expect(caseOf(c, caseId)?.summary).toBe('Пытки в ИВС');
    expect(c.documents.list({ caseId }).some((d) => d.id === doc!.id)).toBe(false);
    expect((await c.teamSync.engine!.folderStatus(folderId)).filesWaiting).toBe(0);
  }, 600_000);
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { comparableExport } from './merge-fixtures';
import { device, folderFiles, idOf, pair } from './sharing-fixtures';

/**
 * Shared cases end to end through a plain folder (issue 18): pairing, sharing, `sync` both ways (the service the
 * `sakta sync` command runs), conflicts and their resolution, documents and their files, and what the folder shows.
 */

const CLIENT = 'Эркинбеков Азамат';
const WITNESS = 'Witness Bolotbek Asanov';

async function team(n: 2 | 3) {
  const folder = path.join(tmpDir(), 'team-folder');
  fs.mkdirSync(folder);
  const devices: AppServices[] = [];
  for (let i = 0; i < n; i++) devices.push(await device());
  const [lead, ...others] = devices as [AppServices, ...AppServices[]];
  others.forEach((o, i) => pair(lead, 'lead', o, `member${i + 1}`, folder));
  const caseId = lead.caseWork.cases.create({ title: `${CLIENT} v. Кара-Суйский РОВД`, summary: 'Пытки в ИВС' }).id;
  others.forEach((_, i) => lead.sync.share(caseId, `member${i + 1}`, folder));
  await lead.sync.sync(folder);
  for (const o of others) await o.sync.sync(folder);
  return { folder, devices, lead, others, caseId };
}

/** Every device exchanges twice round, so what one applies and answers reaches the others too. */
async function syncAll(devices: AppServices[], folder: string) {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.sync.sync(folder);
}

describe('shared cases through a folder', () => {
  it('two lawyers edit different fields while apart; after syncing both ways each has both edits', async () => {
    const { folder, devices, lead, others, caseId } = await team(2);
    const b = others[0]!;
    expect(b.caseWork.cases.get(caseId).title).toBe(`${CLIENT} v. Кара-Суйский РОВД`);

    lead.caseWork.cases.update(caseId, { title: `${CLIENT} против Кыргызстана` });
    lead.caseWork.notes.create({ caseId, title: 'Встреча с клиентом', body: 'Свидетель видел задержание у рынка Ош' });
    b.caseWork.cases.update(caseId, { summary: 'Пытки в ИВС Кара-Суу, 2014', tags: ['пытки'] });
    const person = b.caseWork.persons.create({ name: WITNESS });
    b.caseWork.persons.addRole({ caseId, personId: person.id, role: 'witness' });
    await syncAll(devices, folder);

    for (const d of devices) {
      const c = d.caseWork.cases.get(caseId);
      expect([c.title, c.summary, c.tags]).toEqual([`${CLIENT} против Кыргызстана`, 'Пытки в ИВС Кара-Суу, 2014', ['пытки']]);
      expect(d.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['Встреча с клиентом']);
    }
    expect(comparableExport(b, caseId)).toEqual(comparableExport(lead, caseId));
    // Received changes are in search on the other side, and the trail says who sent them.
    expect(lead.search.query({ query: 'Bolotbek' }).hits.length).toBeGreaterThan(0);
    const trail = lead.caseWork.cases.activity(caseId).entries.map((e) => e.action);
    expect(trail).toContain('sync.receive');
  });

  it('the same field edited on both: a conflict on both sides with both values; resolving it on one side resolves it on the other', async () => {
    const { folder, devices, lead, others, caseId } = await team(2);
    const b = others[0]!;
    lead.caseWork.cases.update(caseId, { summary: 'Версия ведущего адвоката' });
    b.caseWork.cases.update(caseId, { summary: 'Версия второго адвоката' });
    await syncAll(devices, folder);

    const seen = devices.map((d) => d.sharedDocs.conflicts(d.vault.current().db, caseId));
    for (const list of seen) {
      expect(list).toHaveLength(1);
      expect(list[0]!.values.map((v) => v.value).sort()).toEqual(['Версия ведущего адвоката', 'Версия второго адвоката']);
      expect(new Set(list[0]!.values.map((v) => v.actor))).toEqual(new Set(devices.map(idOf)));
    }
    // Both show the same (deterministic) winner meanwhile; nothing is lost.
    expect(b.caseWork.cases.get(caseId).summary).toBe(lead.caseWork.cases.get(caseId).summary);

    const c = seen[1]![0]!;
    const take = c.values.find((v) => v.value === 'Версия второго адвоката')!;
    b.writer.write((w) => b.sharedDocs.resolve(w, c.id, take.valueId));
    await syncAll(devices, folder);
    for (const d of devices) {
      expect(d.sharedDocs.conflicts(d.vault.current().db, caseId)).toEqual([]);
      expect(d.caseWork.cases.get(caseId).summary).toBe('Версия второго адвоката');
    }
  });

  it('a document imported on one side opens on the other with the same SHA-256; until its file arrives it stays hidden', async () => {
    const { folder, devices, lead, others, caseId } = await team(2);
    const b = others[0]!;
    const file = path.join(tmpDir(), 'заключение-СМЭ.txt');
    fs.writeFileSync(file, `Заключение судебно-медицинской экспертизы: ${CLIENT}, кровоподтёки на спине.`);
    const [doc] = (await lead.documents.import({ caseId, paths: [file] })).documents;
    await lead.sync.sync(folder);

    // The carrier has not delivered the document's file yet: it is taken out of the folder for a while.
    const held = path.join(tmpDir(), 'held');
    fs.mkdirSync(held);
    const docFiles = folderFiles(folder).filter((f) => f.endsWith('.skf'));
    expect(docFiles).toHaveLength(1);
    fs.renameSync(path.join(folder, docFiles[0]!), path.join(held, docFiles[0]!));
    const first = await b.sync.sync(folder);
    expect(b.documents.list({ caseId })).toEqual([]);
    expect(first.documentsWaiting).toBe(1);
    expect(b.sync.status().find((s) => s.caseId === caseId)?.documentsWaiting).toBe(1);

    fs.renameSync(path.join(held, docFiles[0]!), path.join(folder, docFiles[0]!));
    const second = await b.sync.sync(folder);
    expect(second.documentsWaiting).toBe(0);
    const there = b.documents.get(doc!.id);
    expect(there.sha256).toBe(doc!.sha256);
    const bytes = await b.blobs.open(b.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(doc!.id) as string).readAll();
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(doc!.sha256);
    await syncAll(devices, folder);
    expect(comparableExport(b, caseId)).toEqual(comparableExport(lead, caseId));
  });

  it('a damaged document file is not taken in: the document stays hidden and the exchange says why', async () => {
    const { folder, lead, others, caseId } = await team(2);
    const b = others[0]!;
    const file = path.join(tmpDir(), 'протокол.txt');
    fs.writeFileSync(file, 'Протокол задержания '.repeat(5000));
    await lead.documents.import({ caseId, paths: [file] });
    await lead.sync.sync(folder);
    const skf = path.join(folder, folderFiles(folder).find((f) => f.endsWith('.skf'))!);
    const bytes = fs.readFileSync(skf);
    bytes[5000] = bytes[5000]! ^ 0x01;
    fs.writeFileSync(skf, bytes);
    const r = await b.sync.sync(folder);
    expect(b.documents.list({ caseId })).toEqual([]);
    expect(r.documentsWaiting).toBe(1);
    const again = await b.sync.sync(folder);
    expect(again.reports.map((x) => x.code)).toContain('BLOB_WAITING');
    expect(again.reports.find((x) => x.code === 'BLOB_WAITING')!.message).toMatch(/damaged|altered/);
  });

  it('the folder holds no plaintext: no name, title, note or document text in UTF-8 or UTF-16LE; names random; sizes bucketed', async () => {
    const { folder, devices, lead, others, caseId } = await team(3);
    const canaries = [CLIENT, WITNESS, 'Кара-Суйский', 'рынка Ош', 'кровоподтёки', caseId];
    lead.caseWork.notes.create({ caseId, title: 'Встреча', body: 'Свидетель видел задержание у рынка Ош' });
    const p = others[0]!.caseWork.persons.create({ name: WITNESS });
    others[0]!.caseWork.persons.addRole({ caseId, personId: p.id, role: 'witness' });
    const file = path.join(tmpDir(), 'смэ.txt');
    fs.writeFileSync(file, 'кровоподтёки на спине и запястьях');
    await lead.documents.import({ caseId, paths: [file] });
    await syncAll(devices, folder);
    expect(others[1]!.caseWork.notes.list(caseId)).toHaveLength(1);

    const names = folderFiles(folder);
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) expect(n).toMatch(/^[0-9a-f]{32}\.sk[oesf]$/);
    const bucketed = (s: number) => (s <= 1024 * 1024 ? s >= 4096 && (s & (s - 1)) === 0 : s % (1024 * 1024) === 0);
    const size = (n: string) => fs.statSync(path.join(folder, n)).size;
    // Pairing offers hold only public keys: every one has the same size. Everything else is padded to a bucket.
    expect(new Set(names.filter((n) => n.endsWith('.sko')).map(size)).size).toBe(1);
    expect(names.filter((n) => !n.endsWith('.sko') && !bucketed(size(n)))).toEqual([]);
    const all = Buffer.concat(names.map((n) => fs.readFileSync(path.join(folder, n))));
    for (const c of canaries) {
      expect(all.includes(Buffer.from(c, 'utf8'))).toBe(false);
      expect(all.includes(Buffer.from(c, 'utf16le'))).toBe(false);
    }
  });

  it('a member removed while offline: its later changes are refused by the others, and it cannot read what follows', async () => {
    const { folder, devices, lead, others, caseId } = await team(3);
    const [b, c] = others as [AppServices, AppServices];
    lead.sync.unshare(caseId, 'member2', folder);
    // c has not synced since its removal: it edits and sends.
    c.caseWork.cases.update(caseId, { summary: 'Изменено после удаления' });
    await c.sync.sync(folder);
    const atLead = await lead.sync.sync(folder);
    const atB = await b.sync.sync(folder);
    for (const r of [atLead, atB]) expect(r.reports.map((x) => x.code)).toContain('REMOVED_MEMBER');
    expect(lead.caseWork.cases.get(caseId).summary).toBe('Пытки в ИВС');
    expect(b.caseWork.cases.get(caseId).summary).toBe('Пытки в ИВС');

    // What the remaining members write now is sealed under the new epoch's key, which c never received.
    lead.caseWork.notes.create({ caseId, title: 'После удаления', body: 'только для оставшихся' });
    await syncAll([lead, b], folder);
    expect(b.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['После удаления']);
    const atC = await c.sync.sync(folder);
    expect(c.caseWork.notes.list(caseId)).toEqual([]);
    expect(atC.reports.map((x) => x.code)).toContain('UNREADABLE');
    void devices;
  });

  it('a 200 MB recording imported on one side opens on the other, SHA-256 verified, without being held in memory whole', async () => {
    const { folder, lead, others, caseId } = await team(2);
    const b = others[0]!;
    const file = path.join(tmpDir(), 'допрос.wav');
    const fd = fs.openSync(file, 'w');
    const hash = crypto.createHash('sha256');
    for (let i = 0; i < 200; i++) {
      const chunk = crypto.randomBytes(1024 * 1024);
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const sha = hash.digest('hex');
    const [doc] = (await lead.documents.import({ caseId, paths: [file] })).documents;
    await lead.sync.sync(folder);
    const rss0 = process.memoryUsage().rss;
    const r = await b.sync.sync(folder);
    expect([r.documentsWaiting, r.reports]).toEqual([0, []]);
    // Copied and verified in chunks: the receiving process did not grow by the file's size.
    expect(process.memoryUsage().rss - rss0).toBeLessThan(150 * 1024 * 1024);
    expect(b.documents.get(doc!.id).sha256).toBe(sha);
    const blobId = b.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(doc!.id) as string;
    // Decrypted again on the receiving side, chunk by chunk, to the sender's SHA-256.
    expect((await b.blobs.open(blobId).verify()).sha256).toBe(sha);
  }, 600_000);
});

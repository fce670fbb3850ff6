import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import { shredVault } from '../../electron/services/shred/shred-vault';
import { filesUnder, tmpDir } from '../helpers/tmp';
import { comparableExport } from './merge-fixtures';
import { crypto, device, folderFiles } from './sharing-fixtures';

/**
 * Travel vaults (issue 18): a home vault with three cases; a travel vault made with one of them; edits on both
 * sides while apart; sync through a folder both ways; both converge; the travel vault never held the other two.
 */

const TRAVEL_PASS = 'дорожный пароль — Ош 2026, пять слов';

/** One case of the home vault: its title, its own person, a note and a document, each with words found nowhere else. */
interface Seeded {
  id: string;
  canaries: string[];
}

async function seedCase(home: AppServices, n: string, words: { title: string; person: string; note: string; doc: string; category: string }, shared?: string): Promise<Seeded> {
  const categoryId = home.caseWork.cases.addCategory({ name: words.category }).id;
  const id = home.caseWork.cases.create({ title: words.title, summary: `Дело ${n}`, categoryId }).id;
  const p = home.caseWork.persons.create({ name: words.person });
  home.caseWork.persons.addRole({ caseId: id, personId: p.id, role: 'client' });
  if (shared) home.caseWork.persons.addRole({ caseId: id, personId: shared, role: 'witness' });
  home.caseWork.notes.create({ caseId: id, title: `Заметка ${n}`, body: words.note });
  const file = path.join(tmpDir(), `документ-${n}.txt`);
  fs.writeFileSync(file, words.doc);
  await home.documents.import({ caseId: id, paths: [file] });
  return { id, canaries: [words.title, words.person, words.note, words.doc, words.category, id] };
}

async function homeWithThreeCases(home: AppServices) {
  // A witness in both the travelling case and one staying home: the travel vault holds the person, not the other case.
  const both = home.caseWork.persons.create({ name: 'Свидетель Турсунов' }).id;
  const trip = await seedCase(home, '1', { title: 'Эркинбеков против Кара-Суйского РОВД', person: 'Азамат Эркинбеков', note: 'Встреча у рынка в Оше', doc: 'Заключение СМЭ: кровоподтёки', category: 'Пытки в ИВС' }, both);
  const stay1 = await seedCase(home, '2', { title: 'Жолдошева против Бишкекского ГУВД', person: 'Айгуль Жолдошева', note: 'Тайная встреча в Токмоке', doc: 'Протокол допроса Жолдошевой', category: 'Категория Токмок' }, both);
  const stay2 = await seedCase(home, '3', { title: 'Дело Нарынской колонии №47', person: 'Бакыт Осмоналиев', note: 'Надзиратель Сыдыков угрожал', doc: 'Жалоба в прокуратуру Нарына', category: 'Колонии Нарына' });
  return { trip, stays: [stay1, stay2] };
}

/** The travel vault as the lawyer opens it in the field: its own services, its own passphrase. */
async function openTravel(dir: string): Promise<AppServices> {
  const t = createAppServices({ vaultDir: dir, crypto, allowTestKdf: true, now: () => new Date('2026-06-01T08:00:00Z') });
  await t.vault.unlock(TRAVEL_PASS);
  return t;
}

function canariesIn(files: string[], canaries: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    for (const c of canaries) if (bytes.includes(Buffer.from(c, 'utf8')) || bytes.includes(Buffer.from(c, 'utf16le'))) found.push(`${c} in ${f}`);
  }
  return found;
}

describe('travel vaults', { timeout: 120_000 }, () => {
  it('a travel vault with one of three cases: edits on both sides converge through a folder; the other two cases never reach it', async () => {
    const home = await device();
    const { trip, stays } = await homeWithThreeCases(home);
    const to = path.join(tmpDir(), 'travel-vault');
    const folder = path.join(tmpDir(), 'office-sync');

    const made = await home.travel.create({ caseIds: [trip.id], to, passphrase: TRAVEL_PASS, via: folder });
    expect(made.recoveryKey.length).toBeGreaterThan(20);
    expect(made.cases).toEqual([{ caseId: trip.id, documents: 1 }]);
    expect(made.name).toMatch(/^Travel \d{4}-\d{2}-\d{2}$/);
    // Each side knows the other as a paired device under its name; the case has both as members.
    expect(home.sharing.pairing.peers().map((p) => [p.name, p.deviceId])).toEqual([[made.name, made.deviceId]]);
    expect(home.sharing.membership.members(trip.id).map((m) => m.deviceId).sort()).toEqual([home.sharing.pairing.identity().deviceId, made.deviceId].sort());

    const travel = await openTravel(to);
    expect(travel.sharing.pairing.peers().map((p) => [p.name, p.deviceId])).toEqual([['Home', home.sharing.pairing.identity().deviceId]]);
    // The home vault's passphrase does not open it; its own does (above), and so does its recovery key.
    const wrong = createAppServices({ vaultDir: to, crypto, allowTestKdf: true });
    await expect(wrong.vault.unlock('correct horse battery staple — Бишкек 2014')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(comparableExport(travel, trip.id)).toEqual(comparableExport(home, trip.id));
    expect(travel.caseWork.cases.list({}).items.map((c) => c.id)).toEqual([trip.id]);

    // Apart: the field edits the stage and adds a note; the office edits the summary and adds a note.
    travel.caseWork.cases.update(trip.id, { stage: 'Апелляция' });
    travel.caseWork.notes.create({ caseId: trip.id, title: 'Из поездки', body: 'Свидетель подтвердил показания в Оше' });
    home.caseWork.cases.update(trip.id, { summary: 'Жалоба в Комитет ООН подана' });
    home.caseWork.notes.create({ caseId: trip.id, title: 'Из офиса', body: 'Получен ответ прокуратуры' });

    // Back at the office: sync through the folder, both ways.
    for (let round = 0; round < 2; round++) {
      await travel.sync.sync(folder);
      await home.sync.sync(folder);
    }
    for (const s of [home, travel]) {
      const c = s.caseWork.cases.get(trip.id);
      expect([c.stage, c.summary]).toEqual(['Апелляция', 'Жалоба в Комитет ООН подана']);
      expect(s.caseWork.notes.list(trip.id).map((n) => n.title).sort()).toEqual(['Заметка 1', 'Из офиса', 'Из поездки']);
      expect(s.sharedDocs.conflicts(s.vault.current().db, trip.id)).toEqual([]);
    }
    expect(comparableExport(travel, trip.id)).toEqual(comparableExport(home, trip.id));

    // Nothing of the other two cases is in the travel vault: no row (cases, persons, documents, notes, search)…
    const tdb = travel.vault.current().db;
    const stayIds = stays.map((s) => s.id);
    const count = (sql: string) => (tdb.prepare(sql).get(...stayIds) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM cases WHERE id IN (?, ?)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM documents WHERE case_id IN (?, ?)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM notes WHERE case_id IN (?, ?)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM case_roles WHERE case_id IN (?, ?)')).toBe(0);
    expect((tdb.prepare('SELECT name FROM persons ORDER BY name').all() as { name: string }[]).map((p) => p.name)).toEqual(['Азамат Эркинбеков', 'Свидетель Турсунов']);
    expect(travel.caseWork.cases.list({}).items.map((c) => c.id)).toEqual([trip.id]);
    const categories = travel.caseWork.cases.listCategories().map((c) => c.name);
    expect(categories).toContain('Пытки в ИВС');
    expect(categories.filter((c) => ['Категория Токмок', 'Колонии Нарына'].includes(c))).toEqual([]);
    const trail = tdb.prepare('SELECT action, entity_id, case_id, detail FROM audit_log').all() as { action: string; entity_id: string | null; case_id: string | null; detail: string }[];
    expect(trail.filter((e) => stayIds.includes(e.case_id ?? '') || stayIds.includes(e.entity_id ?? '') || stayIds.some((id) => e.detail.includes(id)))).toEqual([]);
    // Paired directly, not through a compared code: the trail of each side says so.
    expect(trail.find((e) => e.action === 'sharing.pair')?.detail).toContain('"direct":true');
    expect(home.vault.current().db.prepare("SELECT detail FROM audit_log WHERE action = 'sharing.pair'").pluck().get()).toContain('"direct":true');
    for (const words of stays.flatMap((s) => s.canaries.slice(0, 3))) expect(travel.search.query({ query: words }).hits, words).toEqual([]);
    // …and the home vault still finds them (the searches above can find something).
    expect(home.search.query({ query: 'Жолдошева' }).hits.length).toBeGreaterThan(0);
    expect(travel.search.query({ query: 'Эркинбеков' }).hits.length).toBeGreaterThan(0);

    // …nor in any byte of its folder or of the sync folder (UTF-8 and UTF-16LE).
    const stayCanaries = stays.flatMap((s) => s.canaries);
    const plain = path.join(tmpDir(), 'plain.txt');
    fs.writeFileSync(plain, Buffer.from(stays[0]!.canaries[2]!, 'utf16le'));
    expect(canariesIn([plain], stayCanaries)).toHaveLength(1); // the scan does find a canary where there is one
    travel.vault.lock();
    expect(canariesIn(filesUnder(to), stayCanaries)).toEqual([]);
    expect(canariesIn(folderFiles(folder).map((f) => path.join(folder, f)), [...stayCanaries, ...trip.canaries])).toEqual([]);

    // Retired after the trip: a new key for the case that the travel vault never gets; then it is erased.
    const retired = home.travel.retire(made.name, folder);
    expect(retired.cases).toEqual([{ caseId: trip.id, epoch: 2 }]);
    home.caseWork.notes.create({ caseId: trip.id, title: 'После возвращения', body: 'только дома' });
    await home.sync.sync(folder);
    const late = await openTravel(to);
    const r = await late.sync.sync(folder);
    expect(r.reports.map((x) => x.code)).toContain('UNREADABLE');
    expect(late.caseWork.notes.list(trip.id).map((n) => n.title)).not.toContain('После возвращения');
    late.vault.lock();
    const shred = shredVault(to);
    expect(shred.folderRemoved).toBe(true);
    expect(fs.existsSync(to)).toBe(false);
  });

  it('nothing is left behind when the travel vault cannot be made: an unknown case, a folder that holds files', async () => {
    const home = await device();
    const { trip } = await homeWithThreeCases(home);
    const to = path.join(tmpDir(), 'travel');
    await expect(home.travel.create({ caseIds: [], to, passphrase: TRAVEL_PASS })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(home.travel.create({ caseIds: [trip.id, 'no-such-case'], to, passphrase: TRAVEL_PASS })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.existsSync(to)).toBe(false);
    fs.mkdirSync(to);
    fs.writeFileSync(path.join(to, 'отчёт.txt'), 'чужой файл');
    await expect(home.travel.create({ caseIds: [trip.id], to, passphrase: TRAVEL_PASS })).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(fs.readdirSync(to)).toEqual(['отчёт.txt']);
    expect(home.sharing.pairing.peers()).toEqual([]);
  });

  it('without --via the first exchange goes through a temporary folder; the first sync at the office still brings both together', async () => {
    const home = await device();
    const { trip } = await homeWithThreeCases(home);
    const to = path.join(tmpDir(), 'travel');
    const made = await home.travel.create({ caseIds: [trip.id], to, passphrase: TRAVEL_PASS, name: 'Ноутбук для Оша' });
    expect([made.name, made.via]).toEqual(['Ноутбук для Оша', null]);
    const travel = await openTravel(to);
    expect(travel.documents.list({ caseId: trip.id })).toHaveLength(1);
    travel.caseWork.notes.create({ caseId: trip.id, title: 'Из поездки', body: 'Новые показания' });
    const folder = path.join(tmpDir(), 'office');
    fs.mkdirSync(folder);
    await home.sync.sync(folder);
    await travel.sync.sync(folder);
    await home.sync.sync(folder);
    expect(home.caseWork.notes.list(trip.id).map((n) => n.title).sort()).toEqual(['Заметка 1', 'Из поездки']);
    expect(comparableExport(travel, trip.id)).toEqual(comparableExport(home, trip.id));
  });
});

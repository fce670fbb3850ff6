import fs from 'node:fs';
import path from 'node:path';
import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/composition/app-services';
import type { SharedDoc } from '../../electron/services/merge/doc-store';
import { BlobOfferSchema, type BlobOffer } from '../../shared/schemas/sharing';
import { tmpDir } from '../helpers/tmp';
import { codes, device, folderFiles, idOf, pair } from './sharing-fixtures';

/**
 * Shared cases under attack (issue 18): a member of one shared case who crafts its own Automerge changes and signs
 * them with its own, valid device key; and a carrier who can read, write and replace the folder's files but holds
 * no key. The victim's vault must keep everything outside the shared case as it was, stay valid, and say what it
 * refused.
 */

const im = (v: string) => new A.ImmutableString(v);
const db = (s: AppServices) => s.vault.current().db;

async function team(n: 2 | 3) {
  const folder = path.join(tmpDir(), 'team-folder');
  fs.mkdirSync(folder);
  const devices: AppServices[] = [];
  for (let i = 0; i < n; i++) devices.push(await device());
  const [victim, ...others] = devices as [AppServices, ...AppServices[]];
  others.forEach((o, i) => pair(victim, 'victim', o, `member${i + 1}`, folder));
  const caseId = victim.caseWork.cases.create({ title: 'Общее дело' }).id;
  // A case the victim never shares: nothing a member sends may reach it.
  const privateId = victim.caseWork.cases.create({ title: 'Частное дело', summary: 'private summary' }).id;
  const privateNote = victim.caseWork.notes.create({ caseId: privateId, title: 'Тайная заметка', body: 'private body' });
  others.forEach((_, i) => victim.sync.share(caseId, `member${i + 1}`, folder));
  await victim.sync.sync(folder);
  for (const o of others) await o.sync.sync(folder);
  return { folder, devices, victim, attacker: others[0]!, others, caseId, privateId, privateNote };
}

/**
 * The attacker's own hand-made change of the case's document: built on the document it holds, as `actor`
 * (its own device id unless it forges another's), sealed and signed as its next segment by its own services.
 */
function forge(attacker: AppServices, folder: string, caseId: string, fn: (d: SharedDoc) => void, opts: { actor?: string; blobs?: BlobOffer[]; raw?: Uint8Array[]; hlc?: string } = {}): string {
  const history = attacker.sharedDocs.allChanges(db(attacker), caseId);
  const [doc] = A.applyChanges(A.init<SharedDoc>({ actor: opts.actor ?? idOf(attacker) }), history);
  const next = A.change(doc, { message: JSON.stringify({ hlc: opts.hlc ?? '001777626000000.000000' }) }, fn);
  const bytes = opts.raw ?? [A.getLastLocalChange(next)!];
  return attacker.writer.write((w) => attacker.sharing.segments.writeSegment(w, folder, caseId, bytes, opts.blobs ?? []));
}

const stamp = (n: number) => im(`live:2026-05-01T09:00:0${n}.000Z-0000-attacker`);

/** What the victim's unshared case holds, as its screens show it. */
function privateView(s: AppServices, privateId: string) {
  const c = s.caseWork.cases.get(privateId);
  return { title: c.title, summary: c.summary, notes: s.caseWork.notes.list(privateId).map((n) => [n.id, n.title, n.body]) };
}

async function stillValid(s: AppServices, caseId: string) {
  expect((await s.verify.verify()).ok).toBe(true);
  expect(() => s.caseWork.views.exportCase(caseId)).not.toThrow();
  expect(() => s.search.query({ query: 'дело' })).not.toThrow();
}

describe('a malicious member of one shared case', () => {
  it('cannot write, move or remove rows of another case of the victim, nor edit that case', async () => {
    const { folder, victim, attacker, caseId, privateId, privateNote } = await team(2);
    const sharedNote = victim.caseWork.notes.create({ caseId, title: 'Общая заметка', body: 'shared' });
    await victim.sync.sync(folder);
    await attacker.sync.sync(folder);
    const before = privateView(victim, privateId);
    const planted = crypto.randomUUID();

    forge(attacker, folder, caseId, (d) => {
      const t = d.t!;
      // A new note claiming the private case.
      t.notes![planted] = { id: im(planted), case_id: im(privateId), title: im('planted'), body: im('x'), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(1) };
      // The private note's id (say it leaked): removed, and rewritten under the shared case.
      t.notes![privateNote.id] = { _s: im('gone:2026-05-01T09:00:02.000Z-0000-attacker') };
      // The private case itself.
      t.cases![privateId] = { id: im(privateId), title: im('hijacked'), summary: im('hijacked'), court_numbers: im('[]'), tags: im('[]'), status: im('open'), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(3) };
      // A shared note moved out into the private case.
      t.notes![sharedNote.id]!.case_id = im(privateId);
    });
    const r = await victim.sync.sync(folder);
    expect(r.received).toHaveLength(1);

    expect(privateView(victim, privateId)).toEqual(before);
    expect(victim.caseWork.notes.list(caseId).map((n) => n.id)).toEqual([sharedNote.id]);
    expect(db(victim).prepare('SELECT count(*) FROM notes WHERE id = ?').pluck().get(planted)).toBe(0);
    await stillValid(victim, caseId);
  });

  it("a member replacing a whole table of the document removes nothing from the victim's rows", async () => {
    const { folder, victim, attacker, caseId } = await team(2);
    victim.caseWork.notes.create({ caseId, title: 'Остаётся', body: 'x' });
    await victim.sync.sync(folder);
    await attacker.sync.sync(folder);
    forge(attacker, folder, caseId, (d) => {
      d.t!.notes = {};
      d.t!.cases = {};
    });
    await victim.sync.sync(folder);
    expect(victim.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['Остаётся']);
    expect(victim.caseWork.cases.get(caseId).title).toBe('Общее дело');
    await stillValid(victim, caseId);
  });

  it("a member's clock set far in the future does not move the victim's clock: the victim's own values keep their true time", async () => {
    const { folder, victim, attacker, others, caseId } = await team(3);
    const honest = others[1]!;
    // Year 3000.
    forge(attacker, folder, caseId, (d) => void (d.t!.cases![caseId]!.summary = im('из будущего')), { hlc: `${Date.parse('3000-01-01T00:00:00Z')}.000000`.padStart(22, '0') });
    await victim.sync.sync(folder);
    expect(victim.caseWork.cases.get(caseId).summary).toBe('из будущего');
    victim.caseWork.cases.update(caseId, { summary: 'сейчас' });
    honest.caseWork.cases.update(caseId, { summary: 'одновременно' });
    await honest.sync.sync(folder);
    await victim.sync.sync(folder);
    const [c] = victim.sharedDocs.conflicts(db(victim), caseId);
    const mine = c!.values.find((v) => v.actor === idOf(victim))!;
    expect(mine.at!.slice(0, 4)).toBe('2026');
  });

  it('a note keyed under one id but naming another (row key ≠ id) is not written', async () => {
    const { folder, victim, attacker, caseId, privateId, privateNote } = await team(2);
    const before = privateView(victim, privateId);
    forge(attacker, folder, caseId, (d) => {
      d.t!.notes![crypto.randomUUID()] = { id: im(privateNote.id), case_id: im(caseId), title: im('stolen'), body: im('x'), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(1) };
    });
    await victim.sync.sync(folder);
    expect(privateView(victim, privateId)).toEqual(before);
    expect(victim.caseWork.notes.list(caseId)).toEqual([]);
  });

  it('edits a person the shared case names (also named by a private case): applied, and the trail says which member sent it; a person only the private case names is not touched', async () => {
    const { folder, victim, attacker, caseId, privateId } = await team(2);
    const both = victim.caseWork.persons.create({ name: 'Асанов Болот' });
    victim.caseWork.persons.addRole({ caseId, personId: both.id, role: 'witness' });
    victim.caseWork.persons.addRole({ caseId: privateId, personId: both.id, role: 'client' });
    const onlyPrivate = victim.caseWork.persons.create({ name: 'Тайный свидетель' });
    victim.caseWork.persons.addRole({ caseId: privateId, personId: onlyPrivate.id, role: 'witness' });
    await victim.sync.sync(folder);
    await attacker.sync.sync(folder);

    forge(attacker, folder, caseId, (d) => {
      d.t!.persons![both.id]!.notes = im('edited by member1');
      // The private person's id (say it leaked): a whole row.
      d.t!.persons![onlyPrivate.id] = { id: im(onlyPrivate.id), name: im('renamed'), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(1) };
    });
    await victim.sync.sync(folder);
    // Persons are one record in the vault: the shared case's witness is the private case's client.
    expect(victim.caseWork.persons.get(both.id).notes).toBe('edited by member1');
    expect(victim.caseWork.persons.get(onlyPrivate.id).name).toBe('Тайный свидетель');
    const receive = victim.caseWork.cases.activity(caseId).entries.find((e) => e.action === 'sync.receive')!;
    expect(JSON.stringify(receive)).toContain(idOf(attacker));
  });

  it('wrong types, invalid JSON columns, huge strings, SQL-ish text and control characters leave the vault valid and the private case as it was', async () => {
    const { folder, victim, attacker, caseId, privateId } = await team(2);
    const before = privateView(victim, privateId);
    const eventId = crypto.randomUUID();
    const noteId = crypto.randomUUID();
    const evil = "'); DROP TABLE notes; -- \u202Eexe.fdp\u0000\u0007";
    forge(attacker, folder, caseId, (d) => {
      const t = d.t!;
      t.cases![caseId]!.court_numbers = im('{not json');
      t.cases![caseId]!.tags = im('"a string"');
      t.cases![caseId]!.title = 42 as unknown as A.ImmutableString;
      t.events![eventId] = { id: im(eventId), case_id: im(caseId), date: im('yesterday'), type: im('other'), description: im(evil), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(1) };
      t.notes![noteId] = { id: im(noteId), case_id: im(caseId), title: im(evil), body: im('Ж'.repeat(2_000_000)), created_at: im('2026-05-01T09:00:00.000Z'), _s: stamp(2) };
    });
    await victim.sync.sync(folder);

    expect(privateView(victim, privateId)).toEqual(before);
    const c = victim.caseWork.cases.get(caseId);
    expect(c.title).toBe('Общее дело');
    expect(Array.isArray(c.courtNumbers) && Array.isArray(c.tags)).toBe(true);
    await stillValid(victim, caseId);
    expect(db(victim).prepare("SELECT count(*) FROM sqlite_master WHERE name = 'notes'").pluck().get()).toBe(1);
  });

  it('malformed Automerge bytes do not break the exchange: the segment is refused and the other members still sync', async () => {
    const { folder, victim, attacker, others, caseId } = await team(3);
    const honest = others[1]!;
    forge(attacker, folder, caseId, () => {}, { raw: [new Uint8Array([0x85, 0x6f, 0x4a, 0x83, 1, 2, 3, 4, 5])] });
    honest.caseWork.notes.create({ caseId, title: 'Честная заметка', body: 'ok' });
    await honest.sync.sync(folder);
    const r = await victim.sync.sync(folder);
    expect(codes(r.reports)).toContain('MALFORMED');
    expect(victim.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['Честная заметка']);
    await stillValid(victim, caseId);
  });

  it('a change whose dependencies never come is held, not applied, and later edits still arrive', async () => {
    const { folder, victim, attacker, caseId } = await team(2);
    const history = attacker.sharedDocs.allChanges(db(attacker), caseId);
    const [doc] = A.applyChanges(A.init<SharedDoc>({ actor: idOf(attacker) }), history);
    // X is never sent; Y depends on it.
    const x = A.change(doc, (d) => void (d.t!.cases![caseId]!.stage = im('never sent')));
    const y = A.change(x, (d) => void (d.t!.cases![caseId]!.summary = im('depends on the unsent')));
    attacker.writer.write((w) => attacker.sharing.segments.writeSegment(w, folder, caseId, [A.getLastLocalChange(y)!]));
    const r = await victim.sync.sync(folder);
    expect(r.received).toHaveLength(1);
    expect(victim.caseWork.cases.get(caseId).summary).not.toBe('depends on the unsent');
    victim.caseWork.notes.create({ caseId, title: 'После', body: 'x' });
    await victim.sync.sync(folder);
    expect(victim.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['После']);
    await stillValid(victim, caseId);
  });

  it('a change carried in a segment but claiming another member as its author is held, not applied', async () => {
    const { folder, victim, attacker, others, caseId } = await team(3);
    const honest = others[1]!;
    honest.caseWork.notes.create({ caseId, title: 'от member2', body: 'x' });
    await honest.sync.sync(folder);
    await victim.sync.sync(folder);
    forge(attacker, folder, caseId, (d) => {
      d.t!.cases![caseId]!.summary = im('written "by" member2');
    }, { actor: idOf(honest) });
    const r = await victim.sync.sync(folder);
    expect(r.reports.filter((x) => x.code === 'GAP').map((x) => x.author)).toEqual([idOf(attacker)]);
    expect(victim.caseWork.cases.get(caseId).summary).not.toBe('written "by" member2');
  });

  it('a change forged in the name of a member this device has not heard from yet is held, and the real change it would shadow still applies', async () => {
    const { folder, victim, attacker, others, caseId } = await team(3);
    const honest = others[1]!;
    forge(attacker, folder, caseId, (d) => {
      d.t!.cases![caseId]!.summary = im('forged');
    }, { actor: idOf(honest) });
    const first = await victim.sync.sync(folder);
    expect(first.reports.filter((x) => x.code === 'GAP').map((x) => x.author)).toEqual([idOf(attacker)]);
    expect(victim.caseWork.cases.get(caseId).summary).not.toBe('forged');
    honest.caseWork.cases.update(caseId, { summary: 'genuine' });
    await honest.sync.sync(folder);
    await victim.sync.sync(folder);
    expect(victim.caseWork.cases.get(caseId).summary).toBe('genuine');
    // The victim's own edits still reach the others.
    victim.caseWork.notes.create({ caseId, title: 'Дальше', body: 'x' });
    await victim.sync.sync(folder);
    await honest.sync.sync(folder);
    expect(honest.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['Дальше']);
    await stillValid(victim, caseId);
  });

  it('a segment copied under another file name is ignored as a replay', async () => {
    const { folder, victim, attacker, caseId } = await team(2);
    attacker.caseWork.notes.create({ caseId, title: 'Одна заметка', body: 'x' });
    await attacker.sync.sync(folder);
    await victim.sync.sync(folder);
    const seg = folderFiles(folder).filter((f) => f.endsWith('.sks'));
    const mine = seg.find((f) => db(attacker).prepare('SELECT 1 FROM sharing_segments WHERE file = ? AND signed_body IS NOT NULL').get(f))!;
    fs.copyFileSync(path.join(folder, mine), path.join(folder, `${'e'.repeat(32)}.sks`));
    const r = await victim.sync.sync(folder);
    expect(codes(r.reports)).toContain('REPLAY');
    expect(victim.caseWork.notes.list(caseId)).toHaveLength(1);
  });

  it("a document row naming a blob of the victim's private case is not shown, and that file is never offered to the folder", async () => {
    const { folder, victim, attacker, caseId, privateId } = await team(2);
    const file = path.join(tmpDir(), 'private.txt');
    fs.writeFileSync(file, 'тайный документ');
    const [priv] = (await victim.documents.import({ caseId: privateId, paths: [file] })).documents;
    const privBlob = db(victim).prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(priv!.id) as string;
    const docId = crypto.randomUUID();
    forge(attacker, folder, caseId, (d) => {
      d.t!.documents![docId] = {
        id: im(docId), case_id: im(caseId), blob_id: im(privBlob), title: im('bait'), doc_type: im('other'), original_name: im('bait.txt'), kind: im('text'),
        mime: im('text/plain'), size: 1, sha256: im('0'.repeat(64)), imported_at: im('2026-05-01T09:00:00.000Z'), tags: im('[]'), _s: stamp(1),
      };
    });
    const skfBefore = folderFiles(folder).filter((f) => f.endsWith('.skf')).length;
    await victim.sync.sync(folder);
    await victim.sync.sync(folder);
    expect(victim.documents.list({ caseId }).map((d) => d.id)).not.toContain(docId);
    expect(folderFiles(folder).filter((f) => f.endsWith('.skf')).length).toBe(skfBefore);
    await stillValid(victim, caseId);
  });

  it("a document offer whose blob id is one of the victim's files does not overwrite that file", async () => {
    const { folder, victim, attacker, caseId, privateId } = await team(2);
    const file = path.join(tmpDir(), 'private.txt');
    fs.writeFileSync(file, 'тайный документ');
    const [priv] = (await victim.documents.import({ caseId: privateId, paths: [file] })).documents;
    const privBlob = db(victim).prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(priv!.id) as string;
    // The attacker's own document, announced under the victim's blob id.
    const own = path.join(tmpDir(), 'own.txt');
    fs.writeFileSync(own, 'подмена');
    const [mine] = (await attacker.documents.import({ caseId, paths: [own] })).documents;
    const ownBlob = db(attacker).prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(mine!.id) as string;
    const [offer] = await attacker.sharing.courier.send(folder, [ownBlob]);
    forge(attacker, folder, caseId, () => {}, { raw: [], blobs: [{ ...offer!, blobId: privBlob }] });
    await victim.sync.sync(folder);
    const read = async (id: string) => {
      const parts: Buffer[] = [];
      for await (const b of victim.documents.stream(id)) parts.push(b);
      return Buffer.concat(parts).toString('utf8');
    };
    expect(await read(priv!.id)).toBe('тайный документ');
    await stillValid(victim, caseId);
  });

  it('an offer naming a file outside the folder (../) is refused by the schema: the segment is malformed', async () => {
    const { folder, victim, attacker, caseId } = await team(2);
    const offer = { blobId: 'a'.repeat(32), file: `../../${'b'.repeat(32)}.skf`, plainSize: 1, cipherSize: 100, sha256: '0'.repeat(64), key: Buffer.alloc(32).toString('base64') };
    expect(BlobOfferSchema.safeParse(offer).success).toBe(false);
    forge(attacker, folder, caseId, () => {}, { raw: [], blobs: [offer] });
    const r = await victim.sync.sync(folder);
    expect(codes(r.reports)).toContain('MALFORMED');
  });
});

describe('a hostile carrier (no key)', () => {
  it("swapping two members' segment files changes nothing: names carry no meaning; a truncated one is refused and applies once whole again", async () => {
    const { folder, victim, others, caseId } = await team(3);
    const [b, c] = others as [AppServices, AppServices];
    b.caseWork.notes.create({ caseId, title: 'от B', body: 'b' });
    c.caseWork.notes.create({ caseId, title: 'от C', body: 'c' });
    await b.sync.sync(folder);
    await c.sync.sync(folder);
    const lastOf = (s: AppServices) => db(s).prepare('SELECT file FROM sharing_segments WHERE signed_body IS NOT NULL ORDER BY counter DESC LIMIT 1').pluck().get() as string;
    const [fb, fc] = [lastOf(b), lastOf(c)];
    const tmp = path.join(folder, `${'f'.repeat(32)}.tmp`);
    fs.renameSync(path.join(folder, fb), tmp);
    fs.renameSync(path.join(folder, fc), path.join(folder, fb));
    fs.renameSync(tmp, path.join(folder, fc));
    // And truncate C's (now under B's old name).
    const whole = fs.readFileSync(path.join(folder, fb));
    fs.writeFileSync(path.join(folder, fb), whole.subarray(0, 1000));
    const r = await victim.sync.sync(folder);
    expect(codes(r.reports)).toContain('UNREADABLE');
    expect(victim.caseWork.notes.list(caseId).map((n) => n.title)).toEqual(['от B']);
    fs.writeFileSync(path.join(folder, fb), whole);
    await victim.sync.sync(folder);
    expect(victim.caseWork.notes.list(caseId).map((n) => n.title).sort()).toEqual(['от B', 'от C']);
  });

  it('deleting the key envelope before a new member took it in: its segments wait unread, nothing breaks, and the case arrives once the envelope is back', async () => {
    const folder = path.join(tmpDir(), 'team-folder');
    fs.mkdirSync(folder);
    const [a, b] = [await device(), await device()];
    pair(a, 'a', b, 'b', folder);
    const caseId = a.caseWork.cases.create({ title: 'Дело' }).id;
    a.sync.share(caseId, 'b', folder);
    await a.sync.sync(folder);
    const env = folderFiles(folder).filter((f) => f.endsWith('.ske'));
    const saved = env.map((f) => [f, fs.readFileSync(path.join(folder, f))] as const);
    for (const f of env) fs.rmSync(path.join(folder, f));
    const r = await b.sync.sync(folder);
    expect(codes(r.reports)).toContain('UNREADABLE');
    expect(db(b).prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(caseId)).toBe(0);
    for (const [f, bytes] of saved) fs.writeFileSync(path.join(folder, f), bytes);
    await b.sync.sync(folder);
    expect(b.caseWork.cases.get(caseId).title).toBe('Дело');
  });
});

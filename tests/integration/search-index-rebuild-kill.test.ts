/**
 * Schema 16 rebuilds the full-text index: the unlock after the upgrade indexes every item again
 * (SearchService.indexPending), in batches that each commit their terms with the items' removal from
 * search_unindexed. Here a vault of the previous version is opened by a separate process that is SIGKILLed at
 * random moments during that rebuild, the worst moment for a crash. After each kill, and after a last normal
 * unlock: the vault opens, each item is either in the index or waiting, never both and never neither (a word only
 * it holds is found once, or it is listed as waiting), FTS5 counts each indexed item once, no text was lost,
 * `verify` finds nothing wrong, and a word every item holds is found in all of them.
 */
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import type { ReadDb } from '../../electron/db/connection';
import { indexTerms } from '../../electron/services/search/normalize';
import { reportCounts, STRESS } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { vaultWithCase } from './documents-fixtures';
import { asSchema15 } from './search-fixtures';

const KILLS = STRESS ? 40 : 6;
/** Enough text that the rebuild takes a while (about 1.5 s on a quiet 2-core machine): 1,500 items of ~10 KB. */
const ITEMS = 1500;
const BODY_CHARS = 10_000;
/** In every item's text. */
const COMMON = 'tribunal';
const WORDS = (
  'свидетель показал что задержанный был доставлен в отдел полиции где его избивали сотрудники ' +
  'прокуратура отказала в возбуждении уголовного дела жалоба направлена в суд адвокат потребовал медицинской ' +
  'экспертизы the applicant complained that he had been ill-treated in police custody and that the investigation ' +
  'into his allegations was ineffective the court found a violation of article three of the convention ' +
  'Ташкент Бишкек Ош Жалал-Абад Эркинбеков Токтогулова ходатайство постановление протокол допроса'
).split(' ');
// Consonants only: no stemmer shortens such a word, and five letters each make none the beginning of another.
const CYRILLIC = 'бгджзклмнпрстфхцчшщ';
const LATIN = 'bcdfghjklmnpqrtvwxz';

/** A word only item `i` holds: Cyrillic for even items, Latin for odd ones. */
function tokenOf(i: number): string {
  const letters = i % 2 ? LATIN : CYRILLIC;
  let s = i % 2 ? 'x' : 'щ';
  for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / letters.length)) s += letters[n % letters.length];
  return s;
}

function bodyOf(i: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < BODY_CHARS) {
    const w = WORDS[randomInt(WORDS.length)]!;
    words.push(w);
    length += w.length + 1;
  }
  words.splice(randomInt(words.length), 0, tokenOf(i));
  words.splice(randomInt(words.length), 0, COMMON);
  return words.join(' ');
}

/** FTS5's own count of indexed rows (the first varint of its "averages" record): an item indexed twice counts twice. */
function ftsRowCount(db: ReadDb): number {
  const block = db.prepare('SELECT block FROM search_fts_data WHERE id = 1').pluck().get() as Buffer | undefined;
  if (!block) return 0;
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const b = block[i]!;
    if (i === 8) return v * 256 + b;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) return v;
  }
  return v;
}

const bodiesHash = (db: ReadDb) => {
  const h = createHash('sha256');
  for (const r of db.prepare('SELECT rowid, body FROM search_bodies ORDER BY rowid').iterate() as Iterable<{ rowid: number; body: string }>) h.update(`${r.rowid}\0${r.body}\0`);
  return h.digest('hex');
};

interface Run {
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Unlocks the vault in a child process; with `killAfter`, SIGKILLs it that many ms after its rebuild starts. */
function unlockInChild(dir: string, killAfter: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'search-index-rebuild-kill.child.ts'), dir], {
      env: { ...process.env, SAKTA_TEST_FAST_KDF: '1', SAKTA_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const hang = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (killAfter !== null && !timer && stdout.includes('indexing\n')) timer = setTimeout(() => (killed = child.kill('SIGKILL')), killAfter);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hang);
      resolve({ killed: killed && signal === 'SIGKILL', code, stdout, stderr });
    });
  });
}

describe('search index rebuild (schema 16) killed with SIGKILL', () => {
  it(`at ${KILLS}+ random moments of the unlock's rebuild loses no item, indexes none twice, and the vault verifies`, async () => {
    // A vault of the previous version with ITEMS items, as schema 15 indexed them.
    const { dir, services, caseId } = await vaultWithCase('Дело о пытках в ИВС');
    const db0 = services.vault.current().db;
    for (let from = 0; from < ITEMS; from += 500) {
      db0.transaction(() => {
        for (let i = from; i < Math.min(ITEMS, from + 500); i++)
          services.search.upsert(db0, { kind: 'note', refId: `note-${i}`, caseId, title: `Записка ${i}`, body: bodyOf(i) });
      })();
    }
    // Other domains' rows (the case) are indexed at the first query, as the previous version had them.
    expect(services.search.query({ query: COMMON }).total).toBe(ITEMS);
    const rowids = new Map((db0.prepare(`SELECT ref_id, rowid FROM search_items WHERE kind = 'note'`).all() as { ref_id: string; rowid: number }[]).map((r) => [r.ref_id, r.rowid]));
    const items = Array.from({ length: ITEMS }, (_, i) => ({ refId: `note-${i}`, rowid: rowids.get(`note-${i}`)!, term: indexTerms(tokenOf(i)) }));
    expect(new Set(items.map((x) => x.term)).size).toBe(ITEMS);
    const total = db0.prepare('SELECT count(*) FROM search_items').pluck().get() as number;
    expect(total).toBe(ITEMS + 1);
    const texts = bodiesHash(db0);
    asSchema15(db0);
    services.vault.lock();
    const pristine = path.join(tmpDir(), 'schema-15');
    fs.cpSync(dir, pristine, { recursive: true });
    const restore = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.cpSync(pristine, dir, { recursive: true });
    };

    /**
     * Opens the vault as the kill left it (the unlock's indexing switched off, so nothing is repaired before it is
     * looked at) and checks it. Returns how many items wait to be indexed.
     */
    const inspect = async (label: string): Promise<number> => {
      const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
      s.search.indexPending = () => 0;
      await s.vault.unlock(PASS);
      try {
        const db = s.vault.current().db;
        expect(db.pragma('user_version', { simple: true }), label).toBe(16);
        const waiting = new Set(db.prepare('SELECT rowid FROM search_unindexed').pluck().all() as number[]);
        const found = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck();
        const lost: string[] = [];
        const twice: string[] = [];
        const wrong: string[] = [];
        for (const it of items) {
          const hits = found.all(`"${it.term}"`) as number[];
          if (hits.some((r) => r !== it.rowid)) wrong.push(it.refId);
          const n = hits.length + (waiting.has(it.rowid) ? 1 : 0);
          if (n === 0) lost.push(it.refId);
          if (n > 1) twice.push(it.refId);
        }
        const some = (ids: string[]) => (ids.length ? `${ids.length}: ${ids.slice(0, 3).join(', ')}…` : 'none');
        expect({ label, lost: some(lost), twice: some(twice), wrong: some(wrong) }).toEqual({ label, lost: 'none', twice: 'none', wrong: 'none' });
        // Every note holds the common word (the case does not).
        const notesIndexed = items.filter((it) => !waiting.has(it.rowid)).length;
        expect([label, found.all(`"${indexTerms(COMMON)}"`).length], 'notes found by the common word').toEqual([label, notesIndexed]);
        expect([label, ftsRowCount(db)], 'rows FTS5 counts').toEqual([label, total - waiting.size]);
        expect([label, db.prepare('SELECT count(*) FROM search_items').pluck().get()]).toEqual([label, total]);
        expect([label, bodiesHash(db)], 'the items’ text').toEqual([label, texts]);
        expect([label, (await s.verify.verify()).problems]).toEqual([label, []]);
        return waiting.size;
      } finally {
        s.vault.lock();
      }
    };

    // How long the rebuild takes here and now (the upgrade of a copy, unlocked in this process), so kills spread
    // over its whole length.
    restore();
    const c = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
    const indexPending = c.search.indexPending.bind(c.search);
    let msPerItem = 0;
    c.search.indexPending = (db) => {
      const t0 = performance.now();
      const n = indexPending(db);
      msPerItem = (performance.now() - t0) / n;
      expect(n).toBe(total);
      return n;
    };
    await c.vault.unlock(PASS);
    c.vault.lock();
    expect(msPerItem).toBeGreaterThan(0);

    // Rounds from the previous version's vault: a kill during the first rebuild, then one during the resumed one.
    let kills = 0;
    let completed = 0;
    let midway = 0; // kills that left some items indexed and some waiting
    let waiting = 0;
    let inRound = 0;
    for (let i = 0; kills < KILLS && i < KILLS * 4; i++) {
      if (waiting === 0 || inRound === 2) {
        restore();
        waiting = total;
        inRound = 0;
      }
      const delay = Math.floor(Math.random() * msPerItem * waiting * 0.95);
      const r = await unlockInChild(dir, delay);
      expect(r.stdout, r.stderr).toContain('indexing\n');
      if (r.killed) {
        kills++;
        inRound++;
      } else {
        expect(r.code, r.stderr).toBe(0);
        completed++;
        // Faster than at calibration: follow this run's length.
        const t = /indexed (\d+) in (\d+) ms/.exec(r.stdout);
        if (t && Number(t[1]) > 0) msPerItem = Number(t[2]) / Number(t[1]);
      }
      const before = waiting;
      waiting = await inspect(`run ${i} (${r.killed ? `killed ${delay} ms into the rebuild` : 'completed'})`);
      if (r.killed && waiting > 0 && waiting < before) midway++;
      if (!r.killed) expect(waiting).toBe(0);
    }
    reportCounts('search-rebuild-kill', { kills, completed, midway });
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // Some kills cut the rebuild between batches (otherwise this test proved nothing).
    expect(midway).toBeGreaterThan(0);

    // A normal unlock finishes what the last kill left, and search finds every item once.
    const s = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true });
    await s.vault.unlock(PASS);
    const db = s.vault.current().db;
    expect(db.prepare('SELECT count(*) FROM search_unindexed').pluck().get()).toBe(0);
    const notOnce = items.filter((it, i) => {
      const r = s.search.query({ query: tokenOf(i), limit: 5 });
      return r.total !== 1 || r.hits[0]?.id !== it.refId;
    });
    expect(notOnce.map((it) => it.refId)).toEqual([]);
    expect(s.search.query({ query: COMMON }).total).toBe(ITEMS);
    expect(ftsRowCount(db)).toBe(total);
    expect(bodiesHash(db)).toBe(texts);
    expect((await s.verify.verify()).problems).toEqual([]);
    s.vault.lock();
  }, 900_000);
});

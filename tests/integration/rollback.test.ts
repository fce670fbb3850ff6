import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { newVault } from '../helpers/vault';

/**
 * The attack: an older copy of vault.db is put back (an image of the laptop taken last month, or a hostile
 * edit that removes an inconvenient record by restoring yesterday's file). Every page still authenticates, so
 * a vault can only tell by comparing with something newer: its own backup remembers the signed audit head.
 */
const PASS = 'rollback passphrase — Нарын';
const env = { SAKTA_PASSPHRASE: PASS };
const sakta = (args: string[]) => runCli(args, { env });

/** Many whole CLI processes in a row: minutes, not seconds, on a loaded 2-core machine. */
const CLI_TIMEOUT = 300_000;

describe('rollback is caught where it can be', () => {
  it('a restored old vault.db is reported by verify --against-backup (exit 4), and a backup of it is refused', async () => {
    const v = path.join(tmpDir(), 'vault');
    const usb = tmpDir();
    expect((await sakta(['init', '--vault', v, '--json'])).code).toBe(0);
    const kase = (await sakta(['case', 'add', '--vault', v, '--title', 'Дело о пытках'])).stdout.trim();
    expect(fs.existsSync(`${v}/vault.db-wal`) && fs.statSync(`${v}/vault.db-wal`).size > 0).toBe(false);
    const old = fs.readFileSync(path.join(v, 'vault.db'));

    // Later work, then a backup that remembers it.
    const ev = await sakta(['event', 'add', '--vault', v, '--case', kase, '--date', '2014-07-18', '--type', 'arrest', '--description', 'Задержан у дома']);
    expect(ev.code, ev.stderr).toBe(0);
    const b1 = await sakta(['backup', '--vault', v, '--to', usb]);
    expect(b1.code, b1.stderr).toBe(0);
    const fresh = await sakta(['verify', '--vault', v, '--against-backup', usb]);
    expect(fresh.code, fresh.stdout + fresh.stderr).toBe(0);

    // The old file put back: it opens, every page authenticates, the event is simply gone.
    fs.writeFileSync(path.join(v, 'vault.db'), old);
    expect((await sakta(['search', '--vault', v, 'Задержан'])).stdout).toMatch(/No matches/);
    // Alone, the vault cannot know (the documented limit) ...
    expect((await sakta(['verify', '--vault', v])).code).toBe(0);
    // ... against its backup it can.
    const rolled = await sakta(['verify', '--vault', v, '--against-backup', usb]);
    expect(rolled.code).toBe(4);
    expect(rolled.stdout).toMatch(/The vault is older than backup snapshot \S+: its audit log ends at entry \d+, the backup's signed audit head is at entry \d+/);
    const json = JSON.parse((await sakta(['verify', '--vault', v, '--against-backup', usb, '--json'])).stdout) as { ok: boolean; problems: { area: string }[] };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => p.area)).toEqual(['rollback']);

    // Backing up the rolled-back vault would bury the newer snapshot: refused, nothing written.
    const snaps = () => fs.readdirSync(path.join(usb, fs.readdirSync(usb)[0]!, 'snapshots'));
    const before = snaps();
    const b2 = await sakta(['backup', '--vault', v, '--to', usb]);
    expect(b2.code).toBe(4);
    expect(b2.stderr).toMatch(/older than backup snapshot .* Nothing was backed up\./);
    expect(snaps()).toEqual(before);
  }, CLI_TIMEOUT);

  it('verify --against-backup refuses a folder holding another vault\'s backup', async () => {
    const a = path.join(tmpDir(), 'a');
    const b = path.join(tmpDir(), 'b');
    const usb = tmpDir();
    expect((await sakta(['init', '--vault', a])).code).toBe(0);
    expect((await sakta(['init', '--vault', b])).code).toBe(0);
    expect((await sakta(['backup', '--vault', b, '--to', usb])).code).toBe(0);
    const r = await sakta(['verify', '--vault', a, '--against-backup', path.join(usb, fs.readdirSync(usb)[0]!)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/another vault/);
  }, CLI_TIMEOUT);

  it('verify checks the full-text index: an item dropped from it, or a damaged index block, is reported', async () => {
    const indexed = async () => {
      const { services } = await newVault();
      const kase = services.caseWork.cases.create({ title: 'Дело' });
      for (let i = 0; i < 30; i++) {
        services.caseWork.timeline.createEvent({ caseId: kase.id, date: { precision: 'day', date: '2014-07-18' }, type: 'arrest', description: `Событие номер ${i} в изоляторе` });
      }
      services.search.query({ query: 'изоляторе' }); // drains the index queue
      expect((await services.verify.verify()).ok).toBe(true);
      return { services, db: services.vault.current().db };
    };

    // An event silently vanishing from search, as an old page of the index put back would do.
    const a = await indexed();
    const row = a.db.prepare(`SELECT rowid FROM search_items WHERE kind = 'event' LIMIT 1`).get() as { rowid: number };
    a.db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(row.rowid);
    const ra = await a.services.verify.verify();
    expect(ra.ok).toBe(false);
    expect(ra.problems.map((p) => p.message)).toContain('Search index: 1 item(s) are missing from the full-text index (they cannot be found by search)');

    // A block of the index itself altered: FTS5's integrity-check catches it.
    const b = await indexed();
    const { id } = b.db.prepare('SELECT max(id) AS id FROM search_fts_data').get() as { id: number };
    b.db.unsafeMode(true); // lifts SQLite's defensive flag, as a hostile editor of the file would not need to
    b.db.prepare('UPDATE search_fts_data SET block = zeroblob(length(block)) WHERE id = ?').run(id);
    b.db.unsafeMode(false);
    const rb = await b.services.verify.verify();
    expect(rb.problems.some((p) => /^Search index: the full-text index is damaged or was altered/.test(p.message))).toBe(true);

    // An item's text dropped (schema 8 keeps it in search_bodies): its results would show no snippet.
    const c = await indexed();
    const textRow = c.db.prepare(`SELECT rowid FROM search_items WHERE kind = 'event' LIMIT 1`).get() as { rowid: number };
    c.db.prepare('DELETE FROM search_bodies WHERE rowid = ?').run(textRow.rowid);
    const rc = await c.services.verify.verify();
    expect(rc.ok).toBe(false);
    expect(rc.problems.map((p) => p.message)).toContain('Search index: 1 searchable item(s) have lost their text');
  });
});

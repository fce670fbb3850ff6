import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices } from '../../electron/composition/app-services';
import { CaseExportSchema } from '../../shared/schemas/case-export';
import { runCli } from '../helpers/cli';
import { spawnSync } from 'node:child_process';
import { parseRecoveryKey } from '../../electron/vault/recovery-key';
import { READER, referencePython, runReader, type ReaderReport } from '../helpers/reference-reader';
import { GOLDEN } from '../helpers/golden';
import { SAMPLES } from '../helpers/samples';
import { tmpDir } from '../helpers/tmp';

/**
 * docs/vault-format.md against the code: tools/reference-reader was written from the spec alone (Python, PyNaCl,
 * cryptography; no Sakta code). It must read a vault the CLI made exactly as the CLI does, and fail where the CLI
 * fails. When the code and the spec disagree, one of these tests fails.
 */
const require = createRequire(import.meta.url);
const PASS = 'Ключ от сейфа — Ош, 2026';
const env = { SAKTA_PASSPHRASE: PASS };
const CASE_TITLES = ['Пытки в ИВС Первомайского РОВД: дело Токтогулова', 'Жалоба в КПЧ ООН «Абдуллаева против Кыргызстана»'];
const SAMPLE_FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).sort() : [];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function cli(args: string[], e: Record<string, string> = env) {
  const r = await runCli(args, { env: e });
  expect(r.code, `sakta ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** A vault made by the CLI: two Cyrillic cases, every sample in the first, one duplicate and one trashed document. */
async function cliVault(dir: string) {
  expect(SAMPLE_FILES.length, `the sample documents in ${SAMPLES}`).toBeGreaterThan(3);
  const { recoveryKey } = JSON.parse(await cli(['init', '--vault', dir, '--json'])) as { recoveryKey: string };
  const caseIds: string[] = [];
  for (const title of CASE_TITLES) caseIds.push((await cli(['case', 'add', '--vault', dir, '--title', title])).trim());
  await cli(['person', 'add', '--vault', dir, '--name', 'Азамат Токтогулов']);
  await cli(['import', '--vault', dir, '--case', caseIds[0]!, ...SAMPLE_FILES.map((f) => path.join(SAMPLES, f))]);
  // The same bytes in the second case: a second document record sharing the first one's stored file.
  await cli(['import', '--vault', dir, '--case', caseIds[1]!, path.join(SAMPLES, SAMPLE_FILES[0]!)]);
  const docs = JSON.parse(await cli(['docs', '--vault', dir, '--case', caseIds[0]!, '--json'])) as { id: string }[] | { documents: { id: string }[] };
  const first = Array.isArray(docs) ? docs[0]! : docs.documents[0]!;
  await cli(['trash', '--vault', dir, '--doc', first.id]);
  return { dir, recoveryKey, caseIds };
}

async function read(dir: string, args: string[] = [], e: Record<string, string> = env) {
  const out = tmpDir('sakta-reader-');
  const r = await runReader(['--vault', dir, '--out', out, '--json', ...args], e);
  return { ...r, out, report: r.stdout ? (JSON.parse(r.stdout) as ReaderReport & { error?: string; message?: string }) : null };
}

type DocList = { id: string; sha256: string; title: string; caseId: string }[];
async function cliDocuments(dir: string, caseIds: string[]): Promise<DocList> {
  const all: DocList = [];
  for (const c of caseIds) {
    for (const trash of [false, true]) {
      const raw = JSON.parse(await cli(['docs', '--vault', dir, '--case', c, '--json', ...(trash ? ['--trash'] : [])])) as DocList | { documents: DocList };
      all.push(...(Array.isArray(raw) ? raw : raw.documents));
    }
  }
  return all;
}

const flip = (file: string, at: (size: number) => number) => {
  const b = fs.readFileSync(file);
  const i = at(b.length);
  b[i] = b[i]! ^ 0x20;
  fs.writeFileSync(file, b);
};

/** A copy of the shared vault, for a test that changes it. */
function copyOf(dir: string, name: string): string {
  const to = path.join(tmpDir(), name);
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

describe('the reference reader (tools/reference-reader) reads what the CLI wrote, from the spec alone', () => {
  // One vault for all tests (importing the samples reads their text, OCR included: the slow part); tests that
  // change it work on copies.
  let root: string;
  let v: Awaited<ReturnType<typeof cliVault>>;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-reader-vault-'));
    v = await cliVault(path.join(root, 'vault'));
  }, 300_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('same cases, documents, SHA-256s and audit verdict as the CLI; with the passphrase and with the recovery key', async () => {
    const { code, stderr, report, out } = await read(v.dir, ['--extract']);
    expect(code, stderr).toBe(0);
    expect(report!.ok).toBe(true);
    expect(report!.problems).toEqual([]);

    const listed = JSON.parse(await cli(['case', 'list', '--vault', v.dir, '--json'])) as { items: { id: string; title: string }[] };
    const pairs = (xs: { id: string; title: string }[]) => xs.map((c) => [c.id, c.title]).sort();
    expect(pairs(report!.cases)).toEqual(pairs(listed.items));
    expect(report!.cases.map((c) => c.title).sort()).toEqual([...CASE_TITLES].sort());

    const docs = await cliDocuments(v.dir, v.caseIds);
    const rows = (xs: DocList) => xs.map((d) => [d.id, d.caseId, d.title, d.sha256]).sort();
    expect(rows(report!.documents)).toEqual(rows(docs));
    expect(report!.documents.every((d) => d.ok && d.decryptedSha256 === d.sha256)).toBe(true);
    expect(report!.documents.filter((d) => d.inTrash)).toHaveLength(1);
    // What it decrypted is byte for byte what was imported: the samples' own SHA-256s.
    const sampleHashes = SAMPLE_FILES.map((f) => sha256(fs.readFileSync(path.join(SAMPLES, f)))).sort();
    const extracted = fs.readdirSync(path.join(out, 'documents')).map((f) => sha256(fs.readFileSync(path.join(out, 'documents', f))));
    expect(extracted.sort()).toEqual(sampleHashes);
    expect(report!.blobs).toHaveLength(SAMPLE_FILES.length); // the duplicate shares a stored file

    const verify = JSON.parse(await cli(['verify', '--vault', v.dir, '--json'])) as { ok: boolean; checked: { auditEntries: number; files: number } };
    expect(verify.ok).toBe(true);
    expect(report!.audit).toEqual({ entries: verify.checked.auditEntries, headSeq: verify.checked.auditEntries, ok: true, problems: [] });
    const info = JSON.parse(await cli(['info', '--vault', v.dir, '--json'])) as { vaultId: string; formatVersion: number; schemaVersion: number };
    expect([report!.vaultId, report!.formatVersion, report!.schemaVersion]).toEqual([info.vaultId, info.formatVersion, info.schemaVersion]);

    // The plain copy is an ordinary SQLite file (no key): its records are the ones export-case writes.
    const exportFile = path.join(tmpDir(), 'case.json');
    await cli(['export-case', '--vault', v.dir, '--case', v.caseIds[0]!, '--out', exportFile]);
    const exported = CaseExportSchema.parse(JSON.parse(fs.readFileSync(exportFile, 'utf8')));
    const Sqlite = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
    const plain = new Sqlite(report!.database.plainCopy, { readonly: true });
    try {
      expect(fs.readFileSync(report!.database.plainCopy).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
      expect(plain.prepare('SELECT title, summary FROM cases WHERE id = ?').get(v.caseIds[0])).toEqual({ title: exported.case.title, summary: exported.case.summary });
      const plainDocs = plain.prepare('SELECT id, original_name AS originalName, sha256, deleted_at AS deletedAt FROM documents WHERE case_id = ? ORDER BY id').all(v.caseIds[0]);
      expect(plainDocs).toEqual(exported.documents.map((d) => ({ id: d.id, originalName: d.originalName, sha256: d.sha256, deletedAt: d.deletedAt })).sort((a, b) => a.id.localeCompare(b.id)));
      const seqs = (plain.prepare('SELECT seq FROM audit_log WHERE case_id = ? ORDER BY seq').all(v.caseIds[0]) as { seq: number }[]).map((r) => r.seq);
      expect(seqs).toEqual(exported.activity.map((a) => a.seq));
      expect(plain.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      plain.close();
    }

    const byKey = await read(v.dir, ['--recovery-key'], { SAKTA_RECOVERY_KEY: v.recoveryKey.toLowerCase().replace(/-/g, ' ') });
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(rows(byKey.report!.documents)).toEqual(rows(report!.documents));
    expect(byKey.report!.cases).toEqual(report!.cases);
  }, 300_000);

  it('recovery-key padding bits (the low 4 bits of the last character) are ignored by Sakta and by the reader', async () => {
    const last = v.recoveryKey.at(-1)!;
    expect('0G').toContain(last); // written as zero bits
    const crypto = createNativeCrypto();
    for (const other of last === '0' ? ['1', 'F'] : ['H', 'Z']) {
      const variant = v.recoveryKey.slice(0, -1) + other;
      expect(Buffer.from(parseRecoveryKey(crypto, variant))).toEqual(Buffer.from(parseRecoveryKey(crypto, v.recoveryKey)));
      const r = await read(v.dir, ['--recovery-key'], { SAKTA_RECOVERY_KEY: variant });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  it("the reader's own checks pass: a ChaCha20 counter wrapping inside a page, padding bits, BLAKE2b parameters, format-2 header areas", () => {
    const r = spawnSync(referencePython(), ['-m', 'unittest', '-v', 'test_reader'], {
      cwd: path.dirname(READER),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Ran \d+ tests[\s\S]*\nOK/);
  });

  it("backups: the reader checks every snapshot's signed manifest (§11) and agrees with backup-verify", async () => {
    const vault = copyOf(v.dir, 'backed-up');
    const usb = tmpDir();
    await cli(['backup', '--vault', vault, '--to', usb]);
    await cli(['case', 'add', '--vault', vault, '--title', 'Дело, добавленное между копиями']);
    await cli(['backup', '--vault', vault, '--to', usb]);
    const root = path.join(usb, fs.readdirSync(usb).find((n) => n.startsWith('sakta-backup-'))!);
    const check = async () => {
      const r = await runReader(['--backup', root, '--json'], {});
      const cliRun = await runCli(['backup-verify', '--from', usb, '--json']);
      const cliReport = JSON.parse(cliRun.stdout) as { snapshots: { snapshot: string; ok: boolean }[] };
      const reader = JSON.parse(r.stdout) as { snapshots: { snapshot: string; ok: boolean; files: number; problems: string[] }[] };
      const verdicts = (xs: { snapshot: string; ok: boolean }[]) => xs.map((x) => [x.snapshot, x.ok]).sort();
      expect(verdicts(reader.snapshots)).toEqual(verdicts(cliReport.snapshots));
      expect(r.code === 0).toBe(cliRun.code === 0);
      return reader.snapshots;
    };
    const good = await check();
    expect(good.map((x) => x.ok)).toEqual([true, true]);
    expect(good.every((x) => x.files === SAMPLE_FILES.length + 2)).toBe(true);

    // The manifest's JSON edited (its sealed part, since version 2 keeps the counts there): its signature no
    // longer verifies, in both.
    const [first, second] = good.map((x) => x.snapshot) as [string, string];
    const manifest = path.join(root, 'snapshots', first, 'manifest.sakta');
    const text = fs.readFileSync(manifest, 'utf8');
    const editedText = text.replace(/"nonce":"(.)/, (_m, c: string) => `"nonce":"${c === 'A' ? 'B' : 'A'}`);
    expect(editedText).not.toBe(text);
    fs.writeFileSync(manifest, editedText);
    const edited = await check();
    expect(edited.find((x) => x.snapshot === first)!.problems).toEqual([`${first}/manifest.sakta has an invalid signature (altered, or not made by this vault)`]);
    expect(edited.find((x) => x.snapshot === second)!.ok).toBe(true);

    // A pool blob (shared by both snapshots) altered: both snapshots fail, naming the file.
    const pool = path.join(root, 'blobs');
    const sub = fs.readdirSync(pool)[0]!;
    const blob = path.join(pool, sub, fs.readdirSync(path.join(pool, sub))[0]!);
    flip(blob, (n) => n - 5);
    const damaged = await check();
    expect(damaged.find((x) => x.snapshot === second)!.problems).toEqual([`blobs/${sub}/${path.basename(blob)} does not match its checksum (damaged or altered)`]);
  }, 300_000);

  it('key rotation (format 2): after rotate-keys, passwd and recovery-key --new only the new secrets open it; the rotations verify', async () => {
    const vault = copyOf(v.dir, 'rotated');
    const before = (await read(vault)).report!;
    expect(before.formatVersion).toBe(2);
    const NEW = 'Зелёная черепаха читает протокол в полночь';
    await cli(['rotate-keys', '--vault', vault]);
    await cli(['passwd', '--vault', vault], { ...env, SAKTA_NEW_PASSPHRASE: NEW });
    const { recoveryKey } = JSON.parse(await cli(['recovery-key', '--new', '--vault', vault, '--json'], { SAKTA_PASSPHRASE: NEW })) as { recoveryKey: string };

    const after = await read(vault, [], { SAKTA_PASSPHRASE: NEW });
    expect(after.code, after.stderr).toBe(0);
    expect(after.report!.keyRotations).toBe(3);
    expect(after.report!.audit.ok).toBe(true);
    const rows = (r: ReaderReport) => r.documents.map((d) => [d.id, d.sha256, d.ok]).sort();
    expect(rows(after.report!)).toEqual(rows(before));
    const verify = JSON.parse(await cli(['verify', '--vault', vault, '--json'], { SAKTA_PASSPHRASE: NEW })) as { ok: boolean; checked: { auditEntries: number } };
    expect(verify.ok).toBe(true);
    expect(after.report!.audit.entries).toBe(verify.checked.auditEntries);
    expect((await read(vault, ['--recovery-key'], { SAKTA_RECOVERY_KEY: recoveryKey })).code).toBe(0);
    expect((await read(vault)).code).toBe(3); // the old passphrase
    expect((await read(vault, ['--recovery-key'], { SAKTA_RECOVERY_KEY: v.recoveryKey })).code).toBe(3); // the old recovery key
  }, 300_000);

  it('the golden format-1 vault reads as its README says, with its passphrase and its recovery key', async () => {
    for (const [args, e] of [
      [[], { SAKTA_PASSPHRASE: GOLDEN.passphrase }],
      [['--recovery-key'], { SAKTA_RECOVERY_KEY: GOLDEN.recoveryKey }],
    ] as const) {
      const r = await read(GOLDEN.dir, [...args, '--extract'], e);
      expect(r.code, r.stderr).toBe(0);
      expect(r.report!).toMatchObject({ vaultId: GOLDEN.vaultId, formatVersion: 1, cases: [{ id: GOLDEN.caseId, title: GOLDEN.caseTitle }] });
      expect(r.report!.documents.map((d) => d.id)).toEqual([GOLDEN.documentId]);
      const blobId = r.report!.documents[0]!.blobId;
      expect(fs.readFileSync(path.join(r.out, 'documents', blobId), 'utf8')).toBe(GOLDEN.documentText);
      expect(r.report!.audit).toMatchObject({ entries: 3, ok: true });
    }
  }, 120_000);

  it('a crash copy with an unreplayed WAL: the reader replays the same committed transactions SQLite does', async () => {
    const live = copyOf(v.dir, 'live');
    const s = createAppServices({ vaultDir: live, crypto: createNativeCrypto(), allowTestKdf: true });
    await s.vault.unlock(PASS);
    const db = s.vault.current().db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    const late = ['Дело после пересечения границы', 'Второе дело — только в журнале'];
    for (const title of late) s.caseWork.cases.create({ title });
    // What the disk holds after a power cut: the writer never checkpointed.
    const crashed = path.join(tmpDir(), 'crashed');
    const tampered = path.join(tmpDir(), 'tampered');
    for (const to of [crashed, tampered]) fs.cpSync(live, to, { recursive: true });
    s.vault.lock();
    expect(fs.statSync(path.join(crashed, 'vault.db-wal')).size).toBeGreaterThan(0);

    const r = await read(crashed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.database.walCommits).toBeGreaterThanOrEqual(2);
    const titles = r.report!.cases.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(late));
    const listed = JSON.parse(await cli(['case', 'list', '--vault', crashed, '--json'])) as { items: { title: string }[] };
    expect(titles.sort()).toEqual(listed.items.map((c) => c.title).sort());

    // A flipped byte in the first frame, with later commits after it: damage for both, never silently older data.
    flip(path.join(tampered, 'vault.db-wal'), () => 32 + 24 + 100);
    const bad = await read(tampered);
    expect(bad.code).toBe(4);
    expect(bad.report!.message).toMatch(/write-ahead log is damaged or was altered at frame 1/);
    expect((await runCli(['unlock-check', '--vault', tampered], { env })).code).toBe(4);
  }, 300_000);

  it('a tampered copy: the reader fails where the CLI fails, and says where', async () => {
    const copy = (name: string) => copyOf(v.dir, name);

    const wrong = await read(v.dir, [], { SAKTA_PASSPHRASE: `${PASS}!` });
    expect(wrong.code).toBe(3);
    expect((await runCli(['unlock-check', '--vault', v.dir], { env: { SAKTA_PASSPHRASE: `${PASS}!` } })).code).toBe(3);

    // A header whose KDF parameter was edited and its (keyless) checksum recomputed reads as a wrong passphrase.
    const edited = copy('edited-header');
    const lines = fs.readFileSync(path.join(edited, 'vault.header'), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"memlimit":8388608', '"memlimit":8388609');
    const signed = `${lines[0]}\n${lines[1]}\n`;
    fs.writeFileSync(path.join(edited, 'vault.header'), `${signed}sha256:${sha256(Buffer.from(signed))}\n`);
    expect((await read(edited)).code).toBe(3);
    expect((await runCli(['unlock-check', '--vault', edited], { env })).code).toBe(3);

    // One byte of a database page.
    const page = copy('page');
    flip(path.join(page, 'vault.db'), () => 2 * 4096 + 700);
    const badPage = await read(page);
    expect(badPage.code).toBe(4);
    expect(badPage.report!.message).toMatch(/database page 3 failed its authentication tag/);
    expect((await runCli(['unlock-check', '--vault', page], { env })).code).toBe(4);

    // One byte of a stored file: both name the same documents (the duplicate shares the file).
    const blob = copy('blob');
    const ok = (await read(v.dir)).report!;
    const victim = ok.documents.find((d) => d.originalName === SAMPLE_FILES[0])!;
    flip(path.join(blob, 'blobs', victim.blobId.slice(0, 2), `${victim.blobId}.skb`), (n) => Math.floor(n / 2));
    const badBlob = await read(blob);
    expect(badBlob.code).toBe(4);
    const readerBad = badBlob.report!.documents.filter((d) => !d.ok).map((d) => d.id).sort();
    const verify = await runCli(['verify', '--vault', blob, '--json'], { env });
    expect(verify.code).toBe(4);
    const cliBad = (JSON.parse(verify.stdout).problems as { documentIds?: string[] }[]).flatMap((p) => p.documentIds ?? []).sort();
    expect(readerBad).toEqual(cliBad);
    expect(readerBad).toHaveLength(2);

    // An audit entry edited by someone holding the key (append-only triggers dropped first).
    const audit = copy('audit');
    const s = createAppServices({ vaultDir: audit, crypto: createNativeCrypto(), allowTestKdf: true });
    await s.vault.unlock(PASS);
    s.vault.current().db.exec(`DROP TRIGGER audit_no_update; UPDATE audit_log SET detail = '{"title":"другое"}' WHERE seq = 2;`);
    s.vault.lock();
    const badAudit = await read(audit);
    expect(badAudit.code).toBe(4);
    expect(badAudit.report!.audit.ok).toBe(false);
    expect(badAudit.report!.audit.problems).toContain('audit entry 2 (case.create) was altered');
    const cliAudit = await runCli(['verify', '--vault', audit, '--json'], { env });
    expect(cliAudit.code).toBe(4);
    expect(JSON.parse(cliAudit.stdout).problems.map((p: { message: string }) => p.message)).toContain('Audit log: audit entry 2 (case.create) was altered');
  }, 300_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../electron/services/backup/files';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { SAMPLES } from '../helpers/samples';

const PASS = 'пароль для поездки в Ош';
const env = { SAKTA_PASSPHRASE: PASS };
const CANARIES = ['CANARYcli Akhmedov detention', 'Канарейка Мирлан', 'CANARYclifile-contents-9f', 'canary-cli-file-R2.txt'];

async function ok(args: string[], e: Record<string, string | undefined> = env) {
  const r = await runCli(args, { env: e });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
}

function scan(dir: string): string[] {
  const hits: string[] = [];
  for (const rel of listFiles(dir)) {
    const b = fs.readFileSync(path.join(dir, rel));
    for (const c of CANARIES) if (b.includes(Buffer.from(c, 'utf8')) || b.includes(Buffer.from(c, 'utf16le')) || rel.includes(c)) hits.push(`${rel}: ${c}`);
  }
  return hits;
}

async function vaultWithCase() {
  const dir = path.join(tmpDir(), 'vault');
  const init = await ok(['init', '--vault', dir, '--json']);
  const { recoveryKey } = JSON.parse(init.stdout) as { recoveryKey: string };
  const caseId = (await ok(['case', 'add', '--vault', dir, '--title', CANARIES[0]!])).stdout.trim();
  await ok(['person', 'add', '--vault', dir, '--name', CANARIES[1]!]);
  const src = path.join(tmpDir(), CANARIES[3]!);
  fs.writeFileSync(src, CANARIES[2]!);
  await ok(['import', '--vault', dir, '--case', caseId, src, path.join(SAMPLES, 'forensic-report-318-en.pdf')]);
  return { dir, caseId, recoveryKey };
}

const exportJson = async (dir: string, caseId: string) => {
  const out = path.join(tmpDir(), 'export.json');
  await ok(['export-case', '--vault', dir, '--case', caseId, '--out', out]);
  const { exportedAt: _t, ...rest } = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
  return rest;
};

describe('sakta backup / backup-verify / restore / shred', () => {
  it('backup → delete the vault → restore gives the identical export-case JSON; the backup holds no plaintext', async () => {
    const v = await vaultWithCase();
    const docsBefore = (await ok(['docs', '--vault', v.dir, '--case', v.caseId, '--json'])).stdout;
    const usb = tmpDir();
    const b = JSON.parse((await ok(['backup', '--vault', v.dir, '--to', usb, '--json'])).stdout) as { filesWritten: number; blobsNew: number; snapshot: string };
    // Exported after the backup: an export is itself audited, so one taken before would be in the backup's trail.
    const before = await exportJson(v.dir, v.caseId);
    expect(b).toMatchObject({ blobsNew: 2, filesWritten: 5 });
    expect(scan(usb)).toEqual([]);

    const verify = await runCli(['backup-verify', '--from', usb]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`ok    ${b.snapshot}`);

    fs.rmSync(v.dir, { recursive: true, force: true });
    const restored = await runCli(['restore', '--from', usb, '--vault', v.dir, '--json'], { env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ snapshot: b.snapshot, opened: true });
    expect(await exportJson(v.dir, v.caseId)).toEqual(before);
    // Same documents with the same SHA-256s, and each one's bytes still match it.
    expect((await ok(['docs', '--vault', v.dir, '--case', v.caseId, '--json'])).stdout).toBe(docsBefore);
    await ok(['verify', '--vault', v.dir]);

    // The second backup after one new document writes that blob, the database, header and manifest.
    await ok(['import', '--vault', v.dir, '--case', v.caseId, path.join(SAMPLES, 'injury-photo-1.png')]);
    const b2 = JSON.parse((await ok(['backup', '--vault', v.dir, '--to', usb, '--json'])).stdout);
    expect(b2).toMatchObject({ blobsNew: 1, blobsReused: 2, filesWritten: 4 });
  });

  it('backup-verify exits 4 naming the damaged file; restore into a non-empty folder or without --from exits non-zero', async () => {
    const v = await vaultWithCase();
    const usb = tmpDir();
    await ok(['backup', '--vault', v.dir, '--to', usb]);
    const root = path.join(usb, fs.readdirSync(usb)[0]!);
    const blob = listFiles(path.join(root, 'blobs'))[0]!;
    const file = path.join(root, 'blobs', blob);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const r = await runCli(['backup-verify', '--from', root]);
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`blobs/${blob}`);

    expect((await runCli(['restore', '--vault', tmpDir()], { env })).code).toBe(2);
    const restoreBad = await runCli(['restore', '--from', usb, '--vault', path.join(tmpDir(), 'new')], { env });
    expect(restoreBad.code).toBe(4);
    expect((await runCli(['backup', '--vault', v.dir], { env })).code).toBe(2);
  });

  it('after sakta shred, unlock-check with the right passphrase exits 3, the recovery key fails, and no file remains', async () => {
    const v = await vaultWithCase();
    const noYes = await runCli(['shred', '--vault', v.dir]);
    expect(noYes.code).toBe(2);
    await ok(['unlock-check', '--vault', v.dir]);

    const r = await runCli(['shred', '--vault', v.dir, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(v.dir)).toBe(false);
    expect(fs.readdirSync(path.dirname(v.dir))).toEqual([]);

    const check = await runCli(['unlock-check', '--vault', v.dir], { env });
    expect(check.code).toBe(3);
    expect(check.stderr).toMatch(/erased/);
    const rec = await runCli(['recover', '--vault', v.dir], { env: { SAKTA_RECOVERY_KEY: v.recoveryKey, SAKTA_NEW_PASSPHRASE: 'x' } });
    expect(rec.code).not.toBe(0);
    // Shredding a folder that holds no vault refuses, without touching anything.
    const other = tmpDir();
    fs.writeFileSync(path.join(other, 'mine.txt'), 'x');
    expect((await runCli(['shred', '--vault', other, '--yes'])).code).toBe(1);
    expect(fs.existsSync(path.join(other, 'mine.txt'))).toBe(true);
  });
});

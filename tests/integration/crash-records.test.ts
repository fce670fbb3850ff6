import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { MIGRATIONS } from '../../electron/db/migrations';
import { VaultService } from '../../electron/services/vault-service';
import { runCli } from '../helpers/cli';
import { reportCounts, runAndKill, STRESS, timeCommand } from '../helpers/kill';
import { tmpDir } from '../helpers/tmp';

const PASS = 'crash-test passphrase';
/**
 * A bound against a hang, not a speed target: each round starts Sakta's CLI (with its key derivation) once or
 * more, so a loaded machine stretches the stress counts far beyond a quiet one's time (a run beside three other
 * suites needed over 15 minutes per test), as the other crash suites already allow.
 */
const LIMIT = (STRESS ? 60 : 15) * 60_000;
const env = { SAKTA_PASSPHRASE: PASS };

async function initVault(): Promise<string> {
  const dir = path.join(tmpDir(), 'vault');
  expect((await runCli(['init', '--vault', dir], { env })).code).toBe(0);
  return dir;
}

async function verifies(dir: string, round: number): Promise<void> {
  const v = await runCli(['verify', '--vault', dir, '--json'], { env });
  expect(v.code, `round ${round}: ${v.stdout}${v.stderr}`).toBe(0);
}

async function caseTitles(dir: string): Promise<string[]> {
  const r = await runCli(['case', 'list', '--vault', dir, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { items: { title: string }[] }).items.map((c) => c.title);
}

describe('crash consistency', () => {
  it('record save: every acknowledged case survives a SIGKILL of a later save, and no case is half-saved', async () => {
    const target = STRESS ? 260 : 50;
    const dir = await initVault();
    const acknowledged: string[] = [];
    const attempted: string[] = ['Calibration'];
    const span = (await timeCommand(['case', 'add', '--vault', dir, '--title', 'Calibration'], env)) * 1.3;
    acknowledged.push('Calibration');
    let kills = 0;
    let rounds = 0;
    const check = async (i: number) => {
      await verifies(dir, i);
      const titles = await caseTitles(dir);
      for (const t of acknowledged) expect(titles, `acknowledged "${t}" lost`).toContain(t);
      for (const t of titles) expect(attempted).toContain(t);
    };
    for (let i = 1; kills < target && i <= target * 4; i++) {
      rounds = i;
      const title = `Дело ${i} — пытки в ИВС`;
      attempted.push(title);
      const r = await runAndKill(['case', 'add', '--vault', dir, '--title', title, '--number', `№ ${i}`, '--tag', 'crash'], env, Math.random() * span);
      if (r.killed) kills++;
      else {
        expect(r.code).toBe(0);
        acknowledged.push(title);
      }
      if (i % 10 === 0) await check(i);
    }
    await check(rounds);
    reportCounts('crash-record-save', { rounds, kills, acknowledged: acknowledged.length });
    expect(kills).toBeGreaterThan(0);
  }, LIMIT);

  it('backup: a killed backup never damages the vault or an earlier snapshot, and the next backup succeeds', async () => {
    const target = STRESS ? 220 : 40;
    const dir = await initVault();
    const usb = tmpDir('sakta-usb-');
    for (let i = 0; i < 5; i++) expect((await runCli(['case', 'add', '--vault', dir, '--title', `Case ${i}`], { env })).code).toBe(0);
    const seed = path.join(tmpDir(), 'evidence.bin');
    fs.writeFileSync(seed, Buffer.alloc(3 * 1024 * 1024, 7));
    const cases = JSON.parse((await runCli(['case', 'list', '--vault', dir, '--json'], { env })).stdout) as { items: { id: string }[] };
    expect((await runCli(['import', '--vault', dir, '--case', cases.items[0]!.id, seed], { env })).code).toBe(0);
    const span = (await timeCommand(['backup', '--vault', dir, '--to', usb], env)) * 1.3;
    let kills = 0;
    let rounds = 0;
    const check = async (i: number) => {
      await verifies(dir, i);
      const bv = await runCli(['backup-verify', '--from', usb], { env: {} });
      expect(bv.code, `round ${i}: ${bv.stdout}${bv.stderr}`).toBe(0);
    };
    for (let i = 1; kills < target && i <= target * 4; i++) {
      rounds = i;
      // A new record between backups, so each backup has something to write.
      expect((await runCli(['case', 'add', '--vault', dir, '--title', `Later ${i}`], { env })).code).toBe(0);
      const r = await runAndKill(['backup', '--vault', dir, '--to', usb], env, Math.random() * span);
      if (r.killed) kills++;
      else expect(r.code).toBe(0);
      if (i % 10 === 0) await check(i);
    }
    await check(rounds);
    expect((await runCli(['backup', '--vault', dir, '--to', usb], { env })).code).toBe(0);
    const restored = path.join(tmpDir(), 'restored');
    expect((await runCli(['restore', '--from', usb, '--vault', restored], { env })).code).toBe(0);
    expect((await caseTitles(restored)).sort()).toEqual((await caseTitles(dir)).sort());
    reportCounts('crash-backup', { rounds, kills });
  }, LIMIT);

  it('migration: a vault killed while upgrading its schema opens afterwards at a whole schema version and verifies', async () => {
    const target = STRESS ? 220 : 40;
    let kills = 0;
    let rounds = 0;
    let midway = 0;
    let span = 0;
    for (let i = 1; kills < target && i <= target * 4; i++) {
      rounds = i;
      // A vault written by the first release (schema 1), then opened by this one: the CLI migrates it.
      const dir = path.join(tmpDir(), 'old');
      const old = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true, migrations: MIGRATIONS.filter((m) => m.version === 1) });
      await old.create(PASS);
      old.current().db.prepare(`INSERT INTO meta (key, value) VALUES ('written-by', 'release 1')`).run();
      old.lock();
      if (i === 1) {
        span = (await timeCommand(['info', '--vault', dir, '--json'], env)) * 1.3;
        continue;
      }
      const r = await runAndKill(['info', '--vault', dir, '--json'], env, Math.random() * span);
      if (r.killed) kills++;
      const info = await runCli(['info', '--vault', dir, '--json'], { env });
      expect(info.code, info.stderr).toBe(0);
      expect(JSON.parse(info.stdout).schemaVersion).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
      await verifies(dir, i);
      const reopened = new VaultService({ dir, crypto: createNativeCrypto(), allowTestKdf: true });
      await reopened.unlock(PASS);
      expect(reopened.current().db.prepare(`SELECT value FROM meta WHERE key = 'written-by'`).get()).toEqual({ value: 'release 1' });
      reopened.lock();
      if (r.killed && !r.stdout) midway++;
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
    reportCounts('crash-migration', { rounds, kills, killedBeforeAnswer: midway });
    expect(kills).toBeGreaterThan(0);
  }, LIMIT);
});

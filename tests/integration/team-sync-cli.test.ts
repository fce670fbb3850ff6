import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPort } from '../helpers/ports';
import { CLI, runCli } from '../helpers/cli';
import { onCleanup, syncRoot, waitFor } from '../helpers/syncthing';
import { tmpDir } from '../helpers/tmp';

/**
 * A lawyer's script: pairing and sharing with `--team`, then `sakta sync --watch` on both vaults, which takes the
 * case across through the two Syncthing daemons (127.0.0.1) with no sync command, shows its state in
 * `sync-status --json`, and leaves no daemon behind at SIGTERM.
 */

const PASS = 'cli passphrase — Ош 2010';
const env = { SAKTA_PASSPHRASE: PASS };
const TITLE = 'Жалоба в КПЧ ООН: Исмаилова против Кыргызстана';

async function sakta(args: string[], vault: string): Promise<string> {
  const r = await runCli([...args, '--vault', vault], { env, timeoutMs: 120_000 });
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout.trim();
}
const json = async <T>(args: string[], vault: string): Promise<T> => JSON.parse(await sakta([...args, '--json'], vault)) as T;

async function newCliVault(): Promise<string> {
  const dir = path.join(tmpDir(), 'vault');
  const r = await runCli(['init', '--vault', dir, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** `sakta sync --watch --json` as a script runs it; stopped (SIGTERM) after the test whatever happened. */
function watch(vault: string, team: string[]) {
  const child = spawn(process.execPath, [CLI, 'sync', '--vault', vault, '--watch', '--json', ...team], {
    // The vaults were made with the test key derivation (the suite's environment allows it); the watch must open them.
    env: { PATH: process.env.PATH ?? '', SAKTA_TEST_FAST_KDF: process.env.SAKTA_TEST_FAST_KDF ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  return {
    lines: () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: () => stderr,
    exitCode: () => child.exitCode,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Processes whose command line names `dir` (a daemon left behind would). */
const processesNaming = (dir: string) =>
  fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    });

type Offers = { offers: { deviceId: string; safetyCode: string }[] };
type Status = {
  cases: { caseId: string; folderId: string | null; engine: { peersConnected: number; filesWaiting: number; bytesToGo: number } | null }[];
  engine: { running: boolean; peersOnline: number; problems: { code: string }[] } | null;
};

describe('sakta sync --watch: a shared case through Sakta\u2019s Syncthing from the command line', { timeout: 400_000 }, () => {
  it('pairs and shares with --team; two watch processes carry the case across by themselves; sync-status shows the engine; SIGTERM stops every daemon', async () => {
    const a = await newCliVault();
    const b = await newCliVault();
    const root = syncRoot();
    const teamA = ['--team-dir', path.join(root, 'a-team'), '--listen', `tcp://127.0.0.1:${await testPort()}`];
    const teamB = ['--team-dir', path.join(root, 'b-team'), '--listen', `tcp://127.0.0.1:${await testPort()}`];
    const via = tmpDir('sakta-pair-');
    const caseId = await sakta(['case', 'add', '--title', TITLE], a);

    await json<Offers>(['pair', '--via', via, '--team', ...teamA], a);
    const onB = await json<Offers>(['pair', '--via', via, '--team', ...teamB], b);
    const onA = await json<Offers>(['pair', '--via', via, '--team', ...teamA], a);
    expect(onA.offers).toHaveLength(1);
    expect(onB.offers[0]!.safetyCode).toBe(onA.offers[0]!.safetyCode);
    await sakta(['pair', '--via', via, '--team', ...teamB, '--confirm', onB.offers[0]!.safetyCode, '--name', 'Асель'], b);
    await sakta(['pair', '--via', via, '--team', ...teamA, '--confirm', onA.offers[0]!.safetyCode, '--name', 'Бакыт'], a);
    await sakta(['share', '--case', caseId, '--with', 'Бакыт', '--team', ...teamA], a);
    // Each command stopped the daemon it ran.
    expect(processesNaming(root)).toEqual([]);

    const wa = watch(a, teamA);
    const wb = watch(b, teamB);
    await waitFor('B applied the shared case', () => {
      if (wb.exitCode() !== null) throw new Error(`watch exited: ${wb.stderr()}`);
      return wb.lines().some((l) => Array.isArray(l.received) && (l.received as { caseId: string }[]).some((r) => r.caseId === caseId));
    });
    const status = async () => json<Status>(['sync-status', '--team-dir', teamB[1]!], b);
    await waitFor('sync-status on B shows A\u2019s daemon online and nothing waiting', async () => {
      const s = await status();
      const c = s.cases.find((x) => x.caseId === caseId);
      return !!s.engine?.running && s.engine.peersOnline === 1 && !!c?.folderId && c.engine?.filesWaiting === 0;
    });
    expect((await status()).engine!.problems).toEqual([]);

    expect(await wa.stop()).toBe(0);
    expect(await wb.stop()).toBe(0);
    expect(processesNaming(root)).toEqual([]);
    // No watch running: no engine state, and the case is in B's vault.
    expect((await status()).engine).toBeNull();
    expect(await sakta(['case', 'show', caseId], b)).toContain(TITLE);
  });
});

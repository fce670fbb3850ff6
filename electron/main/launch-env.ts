import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Development and test switches that point the app at other files. In a packaged build each would let
 * whoever can set the environment of the lawyer's session (a shortcut, a login script) load a foreign
 * SQLite module into the process that holds the keys, open a vault of their choosing, move the profile
 * folder, or weaken the key derivation of a new vault. A packaged build ignores them and removes them from
 * its environment, so nothing read later (SAKTA_TEST_FAST_KDF in the vault and settings services) sees them.
 */
export const DEV_ONLY_ENV = ['SAKTA_SQLITE_BINDING', 'SAKTA_VAULT_DIR', 'SAKTA_USER_DATA_DIR', 'SAKTA_TEST_FAST_KDF'] as const;

export interface LaunchOverrides {
  sqliteBinding: string | null;
  vaultDir: string | null;
  userDataDir: string | null;
  testKdf: boolean;
  /** Names present in the environment that this build ignored. */
  ignored: string[];
}

/** The decision, without side effects: which overrides apply to this launch. */
export function launchOverrides(env: Record<string, string | undefined>, packaged: boolean): LaunchOverrides {
  const present = DEV_ONLY_ENV.filter((k) => env[k] !== undefined && env[k] !== '');
  if (packaged) return { sqliteBinding: null, vaultDir: null, userDataDir: null, testKdf: false, ignored: present };
  return {
    sqliteBinding: env.SAKTA_SQLITE_BINDING || null,
    vaultDir: env.SAKTA_VAULT_DIR || null,
    userDataDir: env.SAKTA_USER_DATA_DIR || null,
    testKdf: env.SAKTA_TEST_FAST_KDF === '1',
    ignored: [],
  };
}

/** Applies the decision to the process environment: a packaged build forgets the ignored names. */
export function scrubEnvironment(env: Record<string, string | undefined>, decision: LaunchOverrides): void {
  for (const k of decision.ignored) delete env[k];
}

export type CoreDumpStatus = 'disabled' | 'platform-default' | 'not-possible';

/**
 * No core dump of this process: one would hold the unlocked keys and decrypted case data, written to disk
 * by the system's crash handler. Node and Electron expose neither setrlimit nor prctl, so on Linux the limit
 * is lowered to 0 with util-linux's `prlimit` (a process may always lower its own limits), then read back
 * from /proc/self/limits. macOS ships with a core size limit of 0 and leaves it so; on Windows, Windows Error
 * Reporting's LocalDumps policy is outside the app's reach (docs/security.md).
 */
export function preventCoreDumps(pid = process.pid, platform = process.platform): CoreDumpStatus {
  if (platform === 'darwin') return 'platform-default';
  if (platform !== 'linux') return 'not-possible';
  try {
    execFileSync('prlimit', ['--pid', String(pid), '--core=0:0'], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // prlimit missing (util-linux not installed): checked below all the same.
  }
  return coreLimitIsZero(pid) ? 'disabled' : 'not-possible';
}

export function coreLimitIsZero(pid = process.pid): boolean {
  try {
    const limits = fs.readFileSync(`/proc/${pid}/limits`, 'utf8');
    const line = limits.split('\n').find((l) => l.startsWith('Max core file size'));
    return !!line && /^Max core file size\s+0\s+0\s/.test(line);
  } catch {
    return false;
  }
}

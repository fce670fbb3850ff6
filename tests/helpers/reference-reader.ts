import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The independent reader of docs/vault-format.md (tools/reference-reader), in Python. */
export const READER = path.resolve(__dirname, '../../tools/reference-reader/sakta_read.py');

/**
 * A Python 3 that has PyNaCl and cryptography (Debian: python3-nacl, python3-cryptography). SAKTA_PYTHON wins;
 * then the system's /usr/bin/python3 (where Debian's packages live even when a pyenv shim comes first on PATH),
 * then python3 on PATH. Throws a sentence naming the packages when none has them: `npm run preflight` says the same.
 */
export function referencePython(): string {
  const candidates = [process.env.SAKTA_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  for (const c of candidates) {
    if (c.startsWith('/') && !fs.existsSync(c)) continue;
    const r = spawnSync(c, ['-c', 'import nacl.bindings, cryptography.hazmat.primitives.poly1305'], { stdio: 'ignore' });
    if (r.status === 0) return c;
  }
  throw new Error('No Python 3 with PyNaCl and cryptography: install python3-nacl and python3-cryptography (Debian) or pip install pynacl cryptography');
}

export interface ReaderRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ReaderReport {
  ok: boolean;
  vaultId: string;
  formatVersion: number;
  generation: number;
  keyRotations: number;
  schemaVersion: number;
  sqliteVersion: string;
  database: { plainCopy: string; pageSize: number; pages: number; walFrames: number; walCommits: number };
  cases: { id: string; title: string }[];
  documents: { id: string; caseId: string; title: string; originalName: string; blobId: string; size: number; sha256: string; decryptedSha256: string | null; inTrash: boolean; ok: boolean }[];
  blobs: { id: string; size: number; sha256: string | null; ok: boolean; problem?: string }[];
  audit: { entries: number; headSeq: number | null; ok: boolean; problems: string[] };
  problems: string[];
}

/** Runs the reader with the secret in the environment, as the CLI takes it. */
export function runReader(args: string[], env: Record<string, string>): Promise<ReaderRun> {
  const python = referencePython();
  return new Promise((resolve, reject) => {
    const clean: Record<string, string | undefined> = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', SAKTA_PASSPHRASE: undefined, SAKTA_RECOVERY_KEY: undefined, ...env };
    for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
    const child = spawn(python, [READER, ...args], { env: clean as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

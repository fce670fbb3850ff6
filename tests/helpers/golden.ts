import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from './tmp';

/** The golden format-1 vault (tests/fixtures/golden-v1/README.md): made by Sakta's CLI before format 2. */
export const GOLDEN = {
  dir: path.resolve(__dirname, '../fixtures/golden-v1/vault'),
  passphrase: 'золотой ключ — Ош 1990, не трогать',
  recoveryKey: '7NKH-JX5B-ET11-EWVR-A1TP-T55X-MFVP-RM2M-E5D0',
  vaultId: '59e183c1-25a1-47f5-88e6-a6e128213ba5',
  caseId: '37f10d1e-5488-4263-90b2-9a054d7fa3e0',
  caseTitle: 'Дело Асанова: пытки в ИВС',
  documentId: 'f4e9931e-a89c-4db0-a432-21a8d03bf3e4',
  documentText: 'Медицинское заключение: ссадины на запястьях.\n',
};

/** A copy of the golden vault in a temp folder: opening migrates in place, and the fixture must never change. */
export function goldenCopy(): string {
  const dir = path.join(tmpDir(), 'golden');
  fs.cpSync(GOLDEN.dir, dir, { recursive: true });
  return dir;
}

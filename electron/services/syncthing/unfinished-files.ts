import fs from 'node:fs';
import path from 'node:path';

/**
 * Sakta writes every file of a case folder under a dot-name first and renames it when whole: `.<name>.part` for a
 * document's stored file (`blobs/blob-transfer.ts`), `.<name>.<pid>.<time>.tmp` for segments and envelopes
 * (`base/fs-atomic.ts`). Syncthing ignores neither by default, so its file watcher announced a 200 MB `.part`
 * while it was still being written and the members started pulling a file that was about to vanish (found by
 * tests/integration/team-sync-resume.test.ts: the receiver's transfer was of the `.part`, not of the document).
 * The folder's `.stignore` (local, never sent to members) keeps them out.
 */
const PATTERNS = ['.*.part', '.*.tmp'];

/** Writes the case folder's ignore patterns when missing; Syncthing reads them at its next scan. */
export function ignoreUnfinishedFiles(dir: string): void {
  const file = path.join(dir, '.stignore');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, PATTERNS.join('\n') + '\n', { mode: 0o600 });
}

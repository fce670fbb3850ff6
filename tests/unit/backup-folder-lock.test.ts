import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFolderLock } from '../../electron/services/backup/folder-lock';
import { tmpDir } from '../helpers/tmp';

/** The lock file sits on a shared removable disk; whatever another machine left there must not break a backup. */
describe('backup folder lock', () => {
  it('takes over a malformed or hostile lock file instead of failing', () => {
    for (const content of ['null', '[]', '"x"', '{"pid":"1","host":7}', '{"pid":-1}', 'not json']) {
      const file = path.join(tmpDir(), 'backup.lock');
      fs.writeFileSync(file, content);
      const release = acquireFolderLock(file);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid, content).toBe(process.pid);
      release();
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it('refuses while another live backup on this host holds the lock', () => {
    const file = path.join(tmpDir(), 'backup.lock');
    const release = acquireFolderLock(file);
    expect(() => acquireFolderLock(file)).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
    release();
  });
});

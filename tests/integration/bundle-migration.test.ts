import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeCrypto } from '../../electron/crypto/native';
import { openEncryptedDb } from '../../electron/db/connection';
import { migrate, MIGRATIONS } from '../../electron/db/migrations';
import { tmpDir } from '../helpers/tmp';

describe('migration 004 bundles', () => {
  it('upgrades a schema-3 database that already holds a case; names are unique per case and go with the case', () => {
    const db = openEncryptedDb(path.join(tmpDir(), 'm.db'), createNativeCrypto().randomBytes(32));
    expect(migrate(db, MIGRATIONS, 3)).toBe(3);
    const at = '2024-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO cases (id, title, status, search_fold, title_fold, created_at, updated_at) VALUES ('c1', 'Case', 'open', 'case', 'case', ?, ?)`).run(at, at);
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    const ins = db.prepare(`INSERT INTO bundle_definitions (id, case_id, name, name_fold, definition, created_at, updated_at) VALUES (?, 'c1', ?, ?, '{}', ?, ?)`);
    ins.run('d1', 'Appeal', 'appeal', at, at);
    expect(() => ins.run('d2', 'APPEAL', 'appeal', at, at)).toThrow(/UNIQUE/);
    db.prepare(`DELETE FROM cases WHERE id = 'c1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM bundle_definitions').get()).toEqual({ n: 0 });
    db.close();
  });
});

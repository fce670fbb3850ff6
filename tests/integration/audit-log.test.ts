import { describe, expect, it } from 'vitest';
import { newVault } from '../helpers/vault';

describe('audit log', () => {
  it('chains entries and verifies; detects an altered, removed or reordered entry and a truncated end', async () => {
    const { vault } = await newVault();
    const s = vault.current();
    const pub = s.keys.signing.publicKey;
    s.db.transaction(() => {
      for (let i = 0; i < 5; i++) s.audit.append(s.db, { action: 'case.update', entityType: 'case', entityId: `c${i}`, caseId: 'c', detail: { i } });
    })();
    expect(s.audit.verify(s.db, pub)).toEqual([]);
    expect(s.audit.list(s.db, { caseId: 'c' }).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);

    // The log is append-only for ordinary SQL.
    expect(() => s.db.prepare('UPDATE audit_log SET action = ? WHERE seq = 2').run('x')).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);

    // An attacker with the key drops the triggers first.
    s.db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    s.db.prepare(`UPDATE audit_log SET detail = '{"i":99}' WHERE seq = 3`).run();
    expect(s.audit.verify(s.db, pub)).toContain('audit entry 3 (case.update) was altered');
  });

  it('names a removed entry, and a removal at the end that the signed head gives away', async () => {
    const { vault } = await newVault();
    const s = vault.current();
    const pub = s.keys.signing.publicKey;
    for (let i = 0; i < 4; i++) s.audit.append(s.db, { action: 'note.create', entityType: 'note', entityId: `n${i}` });
    s.db.exec('DROP TRIGGER audit_no_delete;');
    s.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(s.audit.verify(s.db, pub)).toEqual(expect.arrayContaining(['audit entry 2 is missing']));
    s.db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    expect(s.audit.verify(s.db, pub).join('; ')).toMatch(/signed head names entry 4/);
  });

  it('rejects a head re-signed with another key', async () => {
    const { vault } = await newVault();
    const other = await newVault();
    const s = vault.current();
    s.audit.append(s.db, { action: 'x', entityType: 'y' });
    expect(s.audit.verify(s.db, other.vault.current().keys.signing.publicKey)).toContain('the signature of the audit log head is invalid');
  });
});

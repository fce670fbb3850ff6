import { createHash } from 'node:crypto';
import type { CaseExport } from '../../../shared/schemas/case-export';
import type { ChangeWriter } from '../changes/change-writer';
import { checkExportTarget } from '../paths/real-paths';
import type { VaultSession } from '../vault-service';
import { exportPlaintext } from './plaintext-export';

/**
 * `sakta export-case`: one case's records as plain JSON where the user named, by the same rules as every
 * decrypted copy: outside the vault by real path, no silent replacement, intent and outcome in the audit log.
 */
export async function writeCaseExport(
  writer: ChangeWriter,
  session: VaultSession,
  data: CaseExport,
  outPath: string,
  opts: { force?: boolean } = {},
): Promise<{ path: string; records: number }> {
  const target = checkExportTarget(outPath, session.paths.dir, { force: opts.force, what: 'A case export' });
  const records = data.events.length + data.hearings.length + data.deadlines.length + data.notes.length;
  const bytes = Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8');
  await exportPlaintext(writer, session, { action: 'case.export', entityType: 'case', entityId: data.case.id, caseId: data.case.id, detail: { records } }, [
    { target: target.path, replaces: target.replaces, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, write: (fh) => fh.writeFile(bytes) },
  ]);
  return { path: target.path, records };
}

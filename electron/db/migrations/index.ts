import { SaktaError } from '../../../shared/errors';
import type { WriteDb } from '../connection';
import type { Migration } from './migration';
import { m001Core } from './001-core';
import { m002CaseWork } from './002-case-work';
import { m003Documents } from './003-documents';
import { m004Bundles } from './004-bundles';
import { m005Protection } from './005-protection';
import { m006Ocr } from './006-ocr';
import { m007DeadlineRules } from './007-deadline-rules';
import { m008SearchBodies } from './008-search-bodies';
import { m009Redaction } from './009-redaction';
import { m010RecordBin } from './010-record-bin';
import { m011Sharing } from './011-sharing';
import { m012SharedDocs } from './012-shared-docs';
import { m013Sync } from './013-sync';
import { m014TeamSync } from './014-team-sync';
import { m015SyncCompaction } from './015-sync-compaction';
import { m016SearchIndexV2 } from './016-search-index-v2';

export type { Migration };

/**
 * Every schema change, in order. Each runs in its own transaction together with the bump of
 * PRAGMA user_version, so a crash mid-migration leaves the previous schema intact.
 * Numbers are claimed per domain: 1 core, 2 case work, 3 documents, 4 bundles, 5 protection, 6 OCR (documents), 7 deadline rules, 8 search (documents), 9 redaction (documents), 10 the record bin and hearing status (case work), 11 sharing (identities, peers, case keys), 12 shared cases' merge documents, 13 the exchange through the sync folder, 14 team sync, 15 compaction of the sync folder, 16 the full-text index rebuilt (search).
 */
export const MIGRATIONS: Migration[] = [m001Core, m002CaseWork, m003Documents, m004Bundles, m005Protection, m006Ocr, m007DeadlineRules, m008SearchBodies, m009Redaction, m010RecordBin, m011Sharing, m012SharedDocs, m013Sync, m014TeamSync, m015SyncCompaction, m016SearchIndexV2];

export function schemaVersion(db: WriteDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function latestSchemaVersion(migrations: Migration[] = MIGRATIONS): number {
  return migrations.reduce((m, x) => Math.max(m, x.version), 0);
}

export function migrate(db: WriteDb, migrations: Migration[] = MIGRATIONS, upTo = latestSchemaVersion(migrations)): number {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion(migrations)) {
    throw new SaktaError(
      'FORMAT_TOO_NEW',
      `This vault's database (schema ${current}) was written by a newer version of Sakta. Update Sakta to open it; nothing was changed.`,
    );
  }
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

import nodeCrypto from 'node:crypto';
import path from 'node:path';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import type { EngineContact } from '../../shared/schemas/sharing';
import { testPort } from '../helpers/ports';
import { onCleanup } from '../helpers/syncthing';
import { PASS } from '../helpers/vault';
import { pairTeam } from '../helpers/team-pairing';
export { pairTeam };
import { crypto } from './sharing-fixtures';

/**
 * Lawyers' vaults each with Sakta's own Syncthing, real daemons on 127.0.0.1 (issue 19): what the team-sync tests
 * share. Every daemon listens on a port from tests/helpers/ports.ts and is stopped after the test, whatever happened.
 */

/** A lawyer's vault whose Sakta runs its own Syncthing on a loopback port, with the office node (if any) as its relay; `engine` overrides the daemon's options (e.g. a shipped binary path). */
export async function laptop(root: string, name: string, office: EngineContact | null = null, engine: Record<string, unknown> = {}): Promise<AppServices> {
  const s = createAppServices({
    vaultDir: path.join(root, name, 'vault'),
    crypto,
    allowTestKdf: true,
    team: {
      dataDir: path.join(root, name, 'team'),
      engine: { listenAddress: `tcp://127.0.0.1:${await testPort()}`, localDiscovery: false, rescanIntervalS: 20, fsWatcherDelayS: 1, reconnectionIntervalS: 5, ...engine },
      offices: office ? [office] : [],
      debounceMs: 300,
      restartDelayMs: 2000,
    },
  });
  // Whatever happens, this vault's daemon stops after the test (before the folders are removed).
  onCleanup(() => s.teamSync.stop());
  await s.vault.create(PASS);
  return s;
}


/** The case as this vault shows it, or null while it has not arrived. */
export function caseOf(s: AppServices, caseId: string) {
  try {
    return s.caseWork.cases.get(caseId);
  } catch {
    return null;
  }
}

/** The case's Syncthing folder id on this vault (null before the key envelope was taken in). */
export async function folderIdOf(s: AppServices, caseId: string): Promise<string | null> {
  return (await s.teamSync.status()).cases.find((c) => c.caseId === caseId)?.folderId ?? null;
}

/** The devices of a case folder in this vault's Syncthing config, sorted. */
export async function folderDevices(s: AppServices, folderId: string): Promise<string[]> {
  return (await s.teamSync.engine!.folder(folderId)).devices.map((d) => d.deviceID).sort();
}

/** A document as the lawyer opens it on this vault: opened (in its custody trail), then its bytes read; their SHA-256. */
export async function openedSha256(s: AppServices, documentId: string): Promise<string> {
  s.documents.open(documentId);
  const h = nodeCrypto.createHash('sha256');
  for await (const chunk of s.documents.stream(documentId)) h.update(chunk);
  return h.digest('hex');
}

/** The case's open conflicts as this vault's merge service lists them (what the conflicts screen and `sakta conflicts` show). */
export function openConflictsOf(s: AppServices, caseId: string) {
  return s.sharedDocs
    .conflicts(s.vault.current().db, caseId)
    .map((c) => ({ id: c.id, table: c.table, rowKey: c.rowKey, field: c.field, kind: c.kind, values: c.values, shown: c.shown }))
    .sort((x, y) => x.id.localeCompare(y.id));
}

/** Three lawyers, Асель (a), Бакыт (b) and Чолпон (c), each with her own Syncthing, all three paired; their daemons' ids. */
export async function teamOfThree(root: string): Promise<{ a: AppServices; b: AppServices; c: AppServices; devices: [string, string, string] }> {
  const a = await laptop(root, 'a');
  const b = await laptop(root, 'b');
  const c = await laptop(root, 'c');
  await pairTeam(a, b, path.join(root, 'pairing-ab'), { b: 'Бакыт', a: 'Асель' });
  await pairTeam(a, c, path.join(root, 'pairing-ac'), { b: 'Чолпон', a: 'Асель' });
  await pairTeam(b, c, path.join(root, 'pairing-bc'), { b: 'Чолпон', a: 'Бакыт' });
  return { a, b, c, devices: [a, b, c].map((s) => s.teamSync.contact()!.device) as [string, string, string] };
}

import path from 'node:path';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import type { EngineContact } from '../../shared/schemas/sharing';
import { testPort } from '../helpers/ports';
import { onCleanup } from '../helpers/syncthing';
import { PASS } from '../helpers/vault';
import { crypto } from './sharing-fixtures';

/** A lawyer's vault whose Sakta runs its own Syncthing on a loopback port (from the worker's block), with the office node as its relay. */
export async function laptop(root: string, name: string, office: EngineContact | null): Promise<AppServices> {
  const s = createAppServices({
    vaultDir: path.join(root, name, 'vault'),
    crypto,
    allowTestKdf: true,
    team: {
      dataDir: path.join(root, name, 'team'),
      engine: { listenAddress: `tcp://127.0.0.1:${await testPort()}`, localDiscovery: false, rescanIntervalS: 20, fsWatcherDelayS: 1, reconnectionIntervalS: 5 },
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

/** Pairing as two lawyers do it, through a folder; each offer carries its Syncthing contact. A calls B `bName`, B calls A `aName`. */
export async function pairTeam(a: AppServices, b: AppServices, folder: string, bName = 'Бакыт', aName = 'Асель'): Promise<void> {
  await a.teamSync.offer(folder);
  await b.teamSync.offer(folder);
  const idOf = (s: AppServices) => s.sharing.pairing.identity().deviceId;
  const codeFor = (s: AppServices, other: AppServices) => s.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === idOf(other))!.safetyCode;
  await a.teamSync.confirm(folder, codeFor(a, b), bName);
  await b.teamSync.confirm(folder, codeFor(b, a), aName);
}

/** The case as this vault shows it, or null while it has not arrived. */
export const caseOf = (s: AppServices, caseId: string) => {
  try {
    return s.caseWork.cases.get(caseId);
  } catch {
    return null;
  }
};

/** The case's open conflicts as this vault's merge service lists them (what the conflicts screen and `sakta conflicts` show). */
export function openConflictsOf(s: AppServices, caseId: string) {
  return s.sharedDocs
    .conflicts(s.vault.current().db, caseId)
    .map((c) => ({ id: c.id, table: c.table, rowKey: c.rowKey, field: c.field, kind: c.kind, values: c.values, shown: c.shown }))
    .sort((x, y) => x.id.localeCompare(y.id));
}

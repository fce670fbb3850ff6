import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import type { EngineContact } from '../../shared/schemas/sharing';
import { testPort } from '../helpers/ports';
import { onCleanup } from '../helpers/syncthing';
import { PASS } from '../helpers/vault';
import { crypto } from './sharing-fixtures';

/**
 * Lawyers' vaults each with Sakta's own Syncthing, real daemons on 127.0.0.1 (issue 19): what the team-sync tests
 * share. Every daemon listens on a port from tests/helpers/ports.ts and is stopped after the test, whatever happened.
 */

/** A lawyer's vault whose Sakta runs its own Syncthing on a loopback port, with the office node (if any) as its relay. */
export async function laptop(root: string, name: string, office: EngineContact | null = null): Promise<AppServices> {
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

/** Pairing as two lawyers do it, through a folder; each offer carries its Syncthing contact. Names: what each calls the other. */
export async function pairTeam(a: AppServices, b: AppServices, folder: string, names: { b: string; a: string } = { b: 'Бакыт', a: 'Асель' }): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  await a.teamSync.offer(folder);
  await b.teamSync.offer(folder);
  const idOf = (s: AppServices) => s.sharing.pairing.identity().deviceId;
  const codeFor = (s: AppServices, other: AppServices) => s.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === idOf(other))!.safetyCode;
  await a.teamSync.confirm(folder, codeFor(a, b), names.b);
  await b.teamSync.confirm(folder, codeFor(b, a), names.a);
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

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

/** A document as the lawyer opens it on this vault: opened (in its custody trail), then its bytes read; their SHA-256. */
export async function openedSha256(s: AppServices, documentId: string): Promise<string> {
  s.documents.open(documentId);
  const h = nodeCrypto.createHash('sha256');
  for await (const chunk of s.documents.stream(documentId)) h.update(chunk);
  return h.digest('hex');
}

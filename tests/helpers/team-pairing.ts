import fs from 'node:fs';
import type { AppServices } from '../../electron/composition/app-services';

/**
 * Pairing as two lawyers do it, through a folder: each writes its offer (with its Syncthing contact), each reads
 * the other's safety code and confirms it under a name. Names: what A calls B, and what B calls A.
 * Free of vitest, so Playwright specs and the bench use it too.
 */
export async function pairTeam(a: AppServices, b: AppServices, folder: string, names: { b: string; a: string } = { b: 'Бакыт', a: 'Асель' }): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  await a.teamSync.offer(folder);
  await b.teamSync.offer(folder);
  const idOf = (s: AppServices) => s.sharing.pairing.identity().deviceId;
  const codeFor = (s: AppServices, other: AppServices) => s.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === idOf(other))!.safetyCode;
  await a.teamSync.confirm(folder, codeFor(a, b), names.b);
  await b.teamSync.confirm(folder, codeFor(b, a), names.a);
}

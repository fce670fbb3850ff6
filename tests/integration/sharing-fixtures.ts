import fs from 'node:fs';
import path from 'node:path';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import type { Segment } from '../../electron/services/sharing';
import { safetyCode } from '../../electron/services/sharing';
import type { SyncReport } from '../../shared/schemas/sharing';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';

export const crypto = createNativeCrypto();

/** One vault (one device) with a settable clock. */
export async function device(): Promise<AppServices> {
  const dir = path.join(tmpDir(), 'vault');
  const clock = { now: new Date('2026-05-01T09:00:00Z') };
  const s = createAppServices({ vaultDir: dir, crypto, allowTestKdf: true, now: () => clock.now });
  await s.vault.create(PASS);
  return s;
}

/** Pairs two devices through `folder` as two lawyers would: offers, then each confirms the code it reads. */
export function pair(a: AppServices, aName: string, b: AppServices, bName: string, folder: string): string {
  a.sharing.pairing.offer(folder);
  b.sharing.pairing.offer(folder);
  const seenByA = a.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === b.sharing.pairing.identity().deviceId)!;
  const seenByB = b.sharing.pairing.scan(folder).offers.find((o) => o.deviceId === a.sharing.pairing.identity().deviceId)!;
  a.sharing.pairing.confirm(folder, seenByA.safetyCode, bName);
  b.sharing.pairing.confirm(folder, seenByB.safetyCode, aName);
  return seenByA.safetyCode;
}

export const idOf = (s: AppServices) => s.sharing.pairing.identity().deviceId;
export const codeBetween = (a: AppServices, b: AppServices) => safetyCode(crypto, a.sharing.pairing.identity(), b.sharing.pairing.identity());

/** One segment of `changes` written by `s` in its own write. */
export function writeSegment(s: AppServices, folder: string, caseId: string, changes: Uint8Array[]): string {
  return s.writer.write((w) => s.sharing.segments.writeSegment(w, folder, caseId, changes));
}

/** Reads the folder and marks every accepted segment applied (what sync does around the merge). */
export function applyAll(s: AppServices, folder: string): { applied: Segment[]; reports: SyncReport[] } {
  const { accepted, reports } = s.sharing.segments.readSegments(folder);
  for (const seg of accepted) s.writer.write((w) => s.sharing.segments.markApplied(w, seg));
  return { applied: accepted, reports };
}

export const text = (u: Uint8Array) => Buffer.from(u).toString('utf8');
export const change = (t: string) => new Uint8Array(Buffer.from(t, 'utf8'));

export const folderFiles = (folder: string) => fs.readdirSync(folder).filter((f) => !f.startsWith('.'));
export const codes = (reports: SyncReport[]) => reports.map((r) => r.code);

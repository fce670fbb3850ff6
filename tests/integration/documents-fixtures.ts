import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServicesOptions } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';
import { dispatcherFor } from '../helpers/ipc';

export const SAMPLES = process.env.SAKTA_SAMPLES ?? path.resolve(__dirname, '../../../shared/samples');
export const sample = (name: string) => path.join(SAMPLES, name);
export const SAMPLE_FILES = fs.existsSync(SAMPLES) ? fs.readdirSync(SAMPLES).sort().map(sample) : [];

export const sha256File = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

/** A vault with a settable clock (for the 30-day trash) and one case. */
export async function vaultWithCase(title = 'Эркинбеков v. Кара-Суйский РОВД', extra: Pick<AppServicesOptions, 'shell'> = {}) {
  const dir = path.join(tmpDir(), 'vault');
  const clock = { now: new Date('2024-04-01T10:00:00Z') };
  const services = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true, now: () => clock.now, ...extra });
  await services.vault.create(PASS);
  const kase = services.caseWork.cases.create({ title });
  return { dir, services, clock, caseId: kase.id };
}

/** The caller the dispatcher accepts: the app's main frame. */
export const APP_CALLER = { origin: 'app://sakta', isMainFrame: true };

/** A vault with one case holding one document made of `bytes`, and a dispatcher as the app's window reaches it. */
export async function vaultWithDocument(bytes: Uint8Array, name: string) {
  const v = await vaultWithCase('Viewer case');
  const file = writeFile(tmpDir(), name, bytes);
  const r = await v.services.documents.import({ caseId: v.caseId, paths: [file] });
  const dispatch = dispatcherFor(v.services, { allowedOrigins: [APP_CALLER.origin] });
  return { ...v, doc: r.documents[0]!, dispatch, file };
}

/** Every file under the vault's blobs/ folder. */
export function blobFiles(vaultDir: string): string[] {
  const root = path.join(vaultDir, 'blobs');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

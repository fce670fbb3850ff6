/**
 * The Sakta path of the sync bench (issue 19, done-when 6): two vaults, each with Sakta's own Syncthing as the app
 * runs it (TeamSync with its default tuning: 1 s debounce after a write, Syncthing's own watcher and rescan
 * defaults), one case shared through them. Nothing here calls an exchange: a write in A goes out by itself and B
 * takes it in by itself, as in the app.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAppServices, type AppServices } from '../electron/composition/app-services';
import { createNativeCrypto } from '../electron/crypto/native';
import { freePort } from '../electron/services/syncthing/daemon';
import { now, timeToAppear } from './syncthing-peers';
import { pairTeam } from '../tests/helpers/team-pairing';

const PASS = 'bench passphrase — Ош 2010';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TeamPair {
  a: AppServices;
  b: AppServices;
  caseId: string;
  /** A's Syncthing folder for the case (where its sealed segments are written). */
  folderA: string;
  stop(): Promise<void>;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const t0 = now();
  while (!(await check())) {
    if (now() - t0 > timeoutMs) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

const caseOf = (s: AppServices, caseId: string) => {
  try {
    return s.caseWork.cases.get(caseId);
  } catch {
    return null;
  }
};

/** Two vaults paired through a folder (their offers carry the daemons' contacts), a case of A's shared with B. */
export async function startTeamPair(tmp: string): Promise<TeamPair> {
  const make = async (name: string) => {
    const s = createAppServices({
      vaultDir: path.join(tmp, name, 'vault'),
      crypto: createNativeCrypto(),
      allowTestKdf: true,
      team: { dataDir: path.join(tmp, name, 'team'), engine: { listenAddress: `tcp://127.0.0.1:${await freePort()}`, localDiscovery: false } },
    });
    await s.vault.create(PASS);
    return s;
  };
  const a = await make('a');
  const b = await make('b');
  const stop = async () => {
    await a.teamSync.stop();
    await b.teamSync.stop();
  };
  try {
    await pairTeam(a, b, path.join(tmp, 'pairing'), { b: 'b', a: 'a' });
    const caseId = a.caseWork.cases.create({ title: 'Эркинбеков против Кыргызстана', summary: 'Начало' }).id;
    await a.teamSync.share(caseId, 'b');
    await until('B has the shared case', () => caseOf(b, caseId) !== null);
    const folderId = (await a.teamSync.status()).cases.find((c) => c.caseId === caseId)!.folderId!;
    const folderA = (await a.teamSync.engine!.folder(folderId)).path;
    return { a, b, caseId, folderA, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const filesIn = (dir: string) => new Set(fs.readdirSync(dir).filter((f) => !f.startsWith('.st') && !f.startsWith('~syncthing~')));

/**
 * One edit of the case's summary in A through the service write path, until B shows it. Returns the time and the
 * size of the sealed file(s) A wrote for it (the reference moves a plain file of that size).
 */
export async function editOnce(p: TeamPair, i: number): Promise<{ ms: number; sealedBytes: number }> {
  const before = filesIn(p.folderA);
  const summary = `Сводка ${i}: ${crypto.randomBytes(6).toString('hex')}`;
  const ms = await timeToAppear(
    async () => void p.a.caseWork.cases.update(p.caseId, { summary }),
    () => caseOf(p.b, p.caseId)?.summary === summary,
  );
  // A's new sealed files for this edit (its segment; written before B could have read it).
  const fresh = [...filesIn(p.folderA)].filter((f) => !before.has(f));
  const sealedBytes = fresh.reduce((n, f) => n + fs.statSync(path.join(p.folderA, f)).size, 0);
  return { ms, sealedBytes };
}

/** A document of `file`'s bytes imported in A, until it is listed in B and its bytes read back there (SHA-256 checked after timing). */
export async function documentOnce(p: TeamPair, file: string): Promise<number> {
  let docId = '';
  let sha = '';
  const ms = await timeToAppear(
    async () => {
      const [doc] = (await p.a.documents.import({ caseId: p.caseId, paths: [file] })).documents;
      docId = doc!.id;
      sha = doc!.sha256;
    },
    () => p.b.documents.list({ caseId: p.caseId }).some((d) => d.id === docId),
    3_600_000,
  );
  const blobId = p.b.vault.current().db.prepare('SELECT blob_id FROM documents WHERE id = ?').pluck().get(docId) as string;
  const { sha256 } = await p.b.blobs.open(blobId).verify();
  if (sha256 !== sha) throw new Error('the document read back in B differs from the one imported in A');
  return ms;
}

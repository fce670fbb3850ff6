import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { TravelCreateSchema, type TravelCreateInput } from '../../../shared/schemas/travel';
import type { KdfProfile } from '../../../shared/schemas/vault';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb } from '../../db/connection';
import { sharedCases, type Sharing } from '../sharing';
import { shredVault } from '../shred/shred-vault';
import type { SyncService, SyncSummary } from '../sync/sync-service';
import type { VaultSession } from '../vault-service';

/** What the travel service drives of the new vault (its own services, made by the composition). */
export interface TravelVaultServices {
  vault: {
    create(passphrase: string, profile?: KdfProfile): Promise<{ recoveryKey: string }>;
    info(): { vaultId: string };
    current(): VaultSession;
    lock(): void;
  };
  sharing: Sharing;
  sync: SyncService;
}

export interface TravelDeps {
  /** The home vault's session, sharing and sync. */
  session: () => VaultSession;
  sharing: Sharing;
  sync: SyncService;
  now: () => Date;
  /** Services over a new, empty vault folder (the composition wires the same crypto and options as home's). */
  openVault: (dir: string) => TravelVaultServices;
}

export interface TravelCreated {
  vaultId: string;
  /** Shown once, like init's. */
  recoveryKey: string;
  deviceId: string;
  /** How the home vault names the travel vault, and the travel vault the home vault. */
  name: string;
  homeName: string;
  via: string | null;
  cases: { caseId: string; documents: number }[];
}

export interface TravelRetired {
  deviceId: string;
  /** Cases the travel vault was removed from, each with its new key epoch. */
  cases: { caseId: string; epoch: number }[];
}

const HOME_NAME = 'Home';

/**
 * Travel vaults (docs/sync.md, "Travel vaults"): a new vault holding only the cases chosen for a trip, with its
 * own passphrase, paired with the home vault and sharing only those cases with it. The home vault never leaves
 * the office; back from the trip, `sync` through a folder brings both to the same state, and the travel vault
 * is retired here (removed from its cases) and erased there.
 */
export class TravelService {
  constructor(private readonly deps: TravelDeps) {}

  async create(input: TravelCreateInput | unknown): Promise<TravelCreated> {
    const { sharing, sync, session } = this.deps;
    const req = parseOrThrow(TravelCreateSchema, input, 'travel vault');
    const caseIds = [...new Set(req.caseIds)];
    const db = session().db;
    const unknown = caseIds.filter((id) => !db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id));
    if (unknown.length) throw new SaktaError('NOT_FOUND', `No case with id ${unknown.join(', ')} in this vault; nothing was created.`);
    const to = path.resolve(req.to);
    if (fs.existsSync(to) && fs.readdirSync(to).length) throw new SaktaError('VAULT_EXISTS', 'The travel vault needs an empty or new folder; that one holds files. Nothing was created.');
    const name = sharing.pairing.freeName(req.name ?? `Travel ${this.deps.now().toISOString().slice(0, 10)}`, db);

    const travel = this.deps.openVault(to);
    const { recoveryKey } = await travel.vault.create(req.passphrase, req.profile);
    // The first exchange needs a folder; without --via one only this process knows, removed after (it holds sealed files only).
    const via = req.via ? path.resolve(req.via) : null;
    const folder = via ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-travel-'));
    if (via) fs.mkdirSync(via, { recursive: true });
    const travelId = travel.sharing.pairing.identity();
    const shared: string[] = [];
    try {
      // Both identities are in this one process, made by the same lawyer: trusted directly, no code to compare.
      sharing.pairing.adopt(travelId, name);
      travel.sharing.pairing.adopt(sharing.pairing.identity(), HOME_NAME);
      for (const caseId of caseIds) {
        sync.share(caseId, travelId.deviceId, folder);
        shared.push(caseId);
      }
      await sync.sync(folder);
      const got = await travel.sync.sync(folder);
      const cases = this.checkArrived(travel.vault.current().db, caseIds, got);
      const vaultId = travel.vault.info().vaultId;
      return { vaultId, recoveryKey, deviceId: travelId.deviceId, name, homeName: HOME_NAME, via, cases };
    } catch (e) {
      // A travel vault that did not receive its cases whole is no travel vault: erased, and home's share of it undone.
      travel.vault.lock();
      this.undo(to, travelId.deviceId, shared, folder);
      throw e;
    } finally {
      travel.vault.lock();
      if (!via) fs.rmSync(folder, { recursive: true, force: true });
    }
  }

  /**
   * After the trip, once both vaults have synced: the travel vault is removed from every case it was a member of
   * (a new key epoch each, sealed to the remaining members), so a travel vault that is lost later, or was not
   * erased, can read nothing written from now on. It keeps its pairing as a name for its past edits.
   */
  retire(member: string, via: string): TravelRetired {
    const { sharing, sync, session } = this.deps;
    const db = session().db;
    const peer = sharing.pairing.resolve(db, member);
    const cases = sharedCases(db).filter((c) => sharing.membership.members(c.caseId, db).some((m) => m.deviceId === peer.deviceId && m.status === 'active'));
    if (!cases.length) throw new SaktaError('NOT_FOUND', `"${peer.name}" is not a member of any shared case of this vault.`);
    const folder = path.resolve(via);
    return { deviceId: peer.deviceId, cases: cases.map((c) => ({ caseId: c.caseId, epoch: sync.unshare(c.caseId, peer.deviceId, folder).epoch })) };
  }

  /**
   * Takes a made travel vault back (its recovery key could not be shown, so nobody could ever recover it): the
   * folder is erased and the home vault removes it from its cases.
   */
  discard(made: TravelCreated, to: string): void {
    const folder = made.via ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sakta-travel-'));
    try {
      this.undo(path.resolve(to), made.deviceId, made.cases.map((c) => c.caseId), folder);
    } finally {
      if (!made.via) fs.rmSync(folder, { recursive: true, force: true });
    }
  }

  private undo(to: string, deviceId: string, caseIds: string[], folder: string): void {
    shredVault(to);
    for (const caseId of caseIds) {
      try {
        this.deps.sync.unshare(caseId, deviceId, folder);
      } catch {
        // The erase above is what matters; a member that no longer exists anywhere can read nothing new.
      }
    }
  }

  /** Every chosen case is in the travel vault with all its documents' files; anything less fails the creation. */
  private checkArrived(db: ReadDb, caseIds: string[], got: SyncSummary): TravelCreated['cases'] {
    const missing = caseIds.filter((id) => !db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id));
    if (missing.length || got.documentsWaiting) {
      const why = got.reports.map((r) => `${r.code}: ${r.message}`).join(' ');
      throw new SaktaError('IO_ERROR', `The travel vault did not receive ${missing.length ? `case(s) ${missing.join(', ')}` : `${got.documentsWaiting} document file(s)`}; it was erased again. ${why}`.trim());
    }
    return caseIds.map((caseId) => ({ caseId, documents: (db.prepare('SELECT COUNT(*) AS n FROM documents WHERE case_id = ?').get(caseId) as { n: number }).n }));
  }
}

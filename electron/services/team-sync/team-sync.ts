import { SaktaError } from '../../../shared/errors';
import path from 'node:path';
import type { EngineContact, PeerInfo } from '../../../shared/schemas/sharing';
import type { EngineProblemView, SyncEngineStatus, SyncFolderStatus, SyncProblem, SyncProblemCode } from '../../../shared/schemas/sync-engine';
import type { ReadDb } from '../../db/connection';
import type { AppEvents } from '../app-events';
import type { ChangeWriter } from '../changes/change-writer';
import type { ShareResult, Sharing } from '../sharing';
import type { CaseSyncState, SyncService, SyncSummary } from '../sync/sync-service';
import { newFolderId } from '../syncthing/ids';
import { SyncEngineError, SyncthingManager, ignoreUnfinishedFiles, type EngineEvent, type SyncthingManagerOptions } from '../syncthing';
import type { VaultService, VaultSession } from '../vault-service';

export interface TeamSyncOptions {
  /**
   * Where Sakta's Syncthing keeps its home and the cases' folders. Outside the vault folder (docs/sync.md,
   * "Team sync": a backup or copy of the vault must not carry Syncthing's private key, which would give two
   * machines one device id).
   */
  dataDir: string;
  /** Passed to the manager: listen address, local discovery, binary, tuning (tests shorten the intervals). */
  engine?: Omit<SyncthingManagerOptions, 'dataDir' | 'acceptDir'>;
  /** Always-on office nodes: added to every case folder; their folders are never taken in. */
  offices?: EngineContact[];
  /** How long after a local write to a shared case its exchange runs (writes in a burst make one segment). */
  debounceMs?: number;
  /**
   * Start at every unlock of a vault with team folders (the app). The CLI leaves it off: a one-shot command must
   * not leave a daemon behind; `sakta sync --watch` starts it and stops it itself.
   */
  autoStart?: boolean;
  /** After the daemon dies on its own (a crash, killed), Sakta starts it again this long after (default 5 s). */
  restartDelayMs?: number;
}

export interface TeamSyncDeps {
  vault: VaultService;
  session: () => VaultSession;
  writer: ChangeWriter;
  events: AppEvents;
  sharing: Sharing;
  sync: SyncService;
}

/** Something an automatic exchange could not do, kept for the status (stable code, human message). */
export interface TeamProblem {
  /** EXCHANGE_FAILED: an automatic exchange threw; an engine code: Syncthing could not be started. */
  code: 'EXCHANGE_FAILED' | SyncProblemCode;
  folderId: string;
  message: string;
  at: string;
}

export interface TeamCaseState extends CaseSyncState {
  folderId: string | null;
  engine: SyncFolderStatus | null;
}

export interface TeamStatus {
  running: boolean;
  deviceId: string | null;
  peersOnline: number;
  cases: TeamCaseState[];
  engine: SyncEngineStatus | null;
  problems: TeamProblem[];
}

const MAX_PROBLEMS = 20;

/**
 * The daemon's problems (with their detail: the address in use, the refused device) and Sakta's own (a start that
 * failed, an exchange that threw) as one list, newest of each last: what the Team screen and `sakta sync-status`
 * show, from the app's `status()` or from the running `sync --watch` process's copy of it.
 */
export function problemsOf(st: { engine: { problems: readonly SyncProblem[] } | null; problems: readonly TeamProblem[] }): EngineProblemView[] {
  return [
    ...(st.engine?.problems ?? []),
    ...st.problems.map((p) => ({ code: p.code, message: p.message, folderId: p.folderId || null, detail: null, at: p.at })),
  ].map((p) => ({ ...p, message: p.message.slice(0, 2000) }));
}

/**
 * Shared cases carried by Sakta's own Syncthing (docs/sync.md, "Team sync"): one Syncthing folder per shared case
 * (random id and path), its devices the members' daemons (from their signed pairing offers) and the office nodes;
 * the exchange of `SyncService.sync` runs per case folder by itself, after a local write to the case (debounced)
 * and whenever Syncthing reports the folder changed. Started with an unlocked vault that has team folders (or
 * explicitly, to pair), stopped at lock.
 */
export class TeamSync {
  private manager: SyncthingManager | null = null;
  private unsubscribe: (() => void) | null = null;
  private offChanged: (() => void) | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Exchanges run one at a time (each is a series of writes to one database). */
  private chain: Promise<void> = Promise.resolve();
  /**
   * Changes to the daemon's folders and devices run one at a time: reconcile() is called from the exchange chain and
   * directly (start, share, confirm), and two passes that both found a folder missing would both add it.
   */
  private setup: Promise<unknown> = Promise.resolve();
  private readonly problems: TeamProblem[] = [];
  private readonly summaries: ((folderId: string, s: SyncSummary) => void)[] = [];
  private lifecycle: Promise<void> = Promise.resolve();
  /** Between a start and a stop: a daemon that exits meanwhile is started again. */
  private wanted = false;
  /** Each folder's path as the daemon last said: an exchange still writes there while the daemon is down. */
  private readonly paths = new Map<string, string>();

  constructor(
    private readonly deps: TeamSyncDeps,
    private opts: TeamSyncOptions,
  ) {}

  /** Syncthing's home and the case folders live here (outside the vault folder). */
  get dataDir(): string {
    return this.opts.dataDir;
  }

  get autoStart(): boolean {
    return this.opts.autoStart ?? false;
  }

  /** Changes options before the first start (the CLI's --listen, --office, --team-dir). */
  configure(more: Partial<TeamSyncOptions>): void {
    if (this.manager) throw new Error('Syncthing options are set before it first starts.');
    this.opts = { ...this.opts, ...more };
  }

  get running(): boolean {
    return this.manager?.running ?? false;
  }

  /** The daemon (tests stop and restart it as a crash or a closed laptop would). */
  get engine(): SyncthingManager | null {
    return this.manager;
  }

  /** This device's Syncthing contact, what its pairing offer carries; null before the first start. */
  contact(): EngineContact | null {
    const m = this.manager;
    if (!m?.running) return null;
    return { device: m.deviceId, address: m.listenAddress };
  }

  /** True when the vault has cases carried by Syncthing: then unlocking starts it. */
  hasTeamFolders(db: ReadDb = this.deps.session().db): boolean {
    return !!db.prepare('SELECT 1 FROM team_folders LIMIT 1').get();
  }

  /** Starts the daemon, sets up devices and folders, and exchanges every case folder once. */
  start(): Promise<void> {
    const run = this.lifecycle.then(() => this.startOnce());
    // A failed start (no binary, port in use) is kept for the status; the next start is not blocked by it.
    this.lifecycle = run.catch((err: unknown) => this.note('', err, err instanceof SyncEngineError ? err.problem : 'ENGINE_FAILED'));
    return run;
  }

  /** Stops exchanging and stops the daemon (lock, quit, SIGTERM of `sakta sync --watch`). */
  stop(): Promise<void> {
    this.lifecycle = this.lifecycle.then(() => this.stopOnce()).catch(() => this.stopOnce());
    return this.lifecycle;
  }

  /** Listens to each automatic exchange's summary (the CLI prints them); returns unsubscribe. */
  onExchange(listener: (folderId: string, s: SyncSummary) => void): () => void {
    this.summaries.push(listener);
    return () => {
      const i = this.summaries.indexOf(listener);
      if (i >= 0) this.summaries.splice(i, 1);
    };
  }

  /** Leaves this device's pairing offer, with its Syncthing contact, in the pairing folder (starting Syncthing for it). */
  async offer(folder: string): Promise<{ file: string; created: boolean }> {
    if (!this.running) await this.start();
    return this.deps.sharing.pairing.offer(folder, this.contact());
  }

  /** Confirms a pairing (docs/sync-folder.md) and at once lets the peer's daemon in, so its folders are taken in. */
  async confirm(folder: string, code: string, name: string): Promise<PeerInfo> {
    const peer = this.deps.sharing.pairing.confirm(folder, code, name);
    await this.reconcile();
    return peer;
  }

  /**
   * Shares a case with a paired device through Syncthing: the case gets its folder id first (so the key envelope
   * names it), then the member and envelope go into the folder, whose devices become the members' daemons.
   */
  async share(caseId: string, memberRef: string): Promise<ShareResult> {
    if (!this.running) await this.start();
    const folderId = this.folderIdOf(caseId) ?? this.assignFolder(caseId);
    const dir = await this.serially(() => this.ensureFolder(folderId));
    const r = this.deps.sync.share(caseId, memberRef, dir);
    await this.reconcile();
    this.schedule(folderId, 0);
    return r;
  }

  /** Removes a member: the new epoch's envelope goes into the folder and the member's daemon leaves it. */
  async unshare(caseId: string, memberRef: string): Promise<ShareResult> {
    if (!this.running) await this.start();
    const folderId = this.folderIdOf(caseId);
    if (!folderId) throw new SaktaError('NOT_FOUND', 'This case is not shared through Syncthing (sakta share --team).');
    const dir = await this.serially(() => this.ensureFolder(folderId));
    const r = this.deps.sync.unshare(caseId, memberRef, dir);
    await this.reconcile();
    this.schedule(folderId, 0);
    return r;
  }

  /** Every shared case with its exchange state and its folder as the daemon sees it; peers online; problems. */
  async status(): Promise<TeamStatus> {
    const db = this.deps.session().db;
    const engine = this.manager?.running ? await this.manager.status() : null;
    const cases = this.deps.sync.status(db).map((c): TeamCaseState => {
      const folderId = this.folderIdOf(c.caseId, db);
      return { ...c, folderId, engine: engine?.folders.find((f) => f.folderId === folderId) ?? null };
    });
    let peersOnline = 0;
    if (this.manager?.running) {
      for (const d of await this.manager.devices()) if ((await this.manager.peerTraffic(d)).connected) peersOnline++;
    }
    return { running: this.running, deviceId: this.manager?.running ? this.manager.deviceId : null, peersOnline, cases, engine, problems: [...this.problems] };
  }

  /** Resolves once no exchange is waiting or running (the CLI's clean exit waits for it). */
  async idle(): Promise<void> {
    while (this.timers.size) await new Promise((r) => setTimeout(r, 50));
    await this.chain;
  }

  // ── inside ──

  private async startOnce(): Promise<void> {
    if (this.manager?.running) return;
    const foldersDir = path.join(this.opts.dataDir, 'sync-folders');
    // Folders offered by paired members' daemons are taken in by reconcile() (never by Syncthing's auto-accept).
    this.manager ??= new SyncthingManager({ ...this.opts.engine, dataDir: this.opts.dataDir, acceptDir: foldersDir });
    // Listening first: a write while the daemon starts (or after it crashed) is exchanged into the folder all the same.
    this.unsubscribe ??= this.manager.subscribe((e) => this.onEngine(e));
    this.offChanged ??= this.deps.events.on('data.changed', (e) => {
      // A person is not one case's: the merge captures a person's edit in every shared case, so each is exchanged.
      const caseIds = e.entities.includes('person') ? this.allCases() : e.caseIds;
      for (const caseId of caseIds) {
        const folderId = this.folderIdOf(caseId);
        if (folderId) this.schedule(folderId, this.opts.debounceMs ?? 1000);
      }
    });
    await this.manager.start();
    this.wanted = true;
    this.restartWhenDead(this.manager);
    await this.reconcile();
    for (const f of await this.manager.folders()) this.schedule(f.id, 0);
  }

  private async stopOnce(): Promise<void> {
    this.wanted = false;
    this.offChanged?.();
    this.offChanged = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.chain;
    await this.manager?.stop();
  }

  /** A daemon that dies while wanted (crashed, killed by someone) is started again, once per death. */
  private restartWhenDead(m: SyncthingManager): void {
    void m.stopped().then(() => {
      if (!this.wanted || m.running) return;
      setTimeout(() => {
        if (this.wanted && !m.running) void this.start().catch(() => undefined);
      }, this.opts.restartDelayMs ?? 5000);
    });
  }

  private onEngine(e: EngineEvent): void {
    // Another member's segment, envelope or document file arrived (or a folder was just taken in): exchange it.
    if (e.kind === 'folder-changed') this.schedule(e.folderId, 200);
    // A member came back: its device may need adding to folders made while it was away. A folder offered: take it in.
    if ((e.kind === 'peer' && e.connected) || e.kind === 'folder-offered') this.schedule(null, 200);
  }

  /** Runs the folder's exchange after `delayMs`; calls within the delay make one exchange. null: devices only. */
  private schedule(folderId: string | null, delayMs: number): void {
    const key = folderId ?? '';
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.chain = this.chain
          .then(() => (folderId ? this.exchange(folderId) : this.reconcile()))
          // A problem the status shows is a current one: a later exchange of the same folder that works clears it.
          .then(() => this.clearProblems(key))
          .catch((err: unknown) => this.note(key, err));
      }, delayMs),
    );
  }

  private async exchange(folderId: string): Promise<void> {
    const m = this.manager;
    if (!m || !this.deps.vault.status().unlocked) return;
    // The daemon down (crashed, or not started yet): the exchange still writes into the folder, which Syncthing
    // scans when it runs again.
    if (m.running) for (const f of await m.folders()) this.paths.set(f.id, f.path);
    const dir = this.paths.get(folderId);
    if (!dir) return;
    // A folder taken in from a member: its files in progress stay local too (syncthing/unfinished-files.ts).
    ignoreUnfinishedFiles(dir);
    const summary = await this.deps.sync.sync(dir, { only: (caseId) => this.folderIdOf(caseId) === folderId });
    if (summary.keysReceived.length) await this.reconcile();
    // Own new files are announced now rather than at the file watcher's next round.
    if (summary.sent.length && m.running) await m.scan(folderId).catch(() => undefined);
    for (const l of this.summaries) l(folderId, summary);
  }

  /**
   * Devices and folders as the vault says they should be: every paired daemon known (its offered folders taken
   * in), every office node known, and each case this device is a member of in its folder with exactly the
   * current members' daemons and the office nodes (a removed member's daemon leaves the folder).
   */
  private reconcile(): Promise<void> {
    return this.serially(() => this.reconcileNow());
  }

  /** Runs `fn` after every folder or device change already asked for, and before any asked for later. */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.setup.then(fn, fn);
    this.setup = run.catch(() => undefined);
    return run;
  }

  private async reconcileNow(): Promise<void> {
    const m = this.manager;
    if (!m?.running || !this.deps.vault.status().unlocked) return;
    const { sharing, session } = this.deps;
    const db = session().db;
    const known = new Map((await m.deviceConfigs()).map((d) => [d.deviceID, d.autoAcceptFolders]));
    const engineOf = new Map<string, string>();
    // No device gets Syncthing's auto-accept: on a folder this daemon already has, auto-accept adds the offering
    // device to it, so a removed member's daemon announcing the case folder again (at its next connection) was let
    // back in and sent every later file (tests/integration/team-sync-removal.test.ts). Offered folders are taken in
    // below instead, and only ones this daemon does not have; an existing folder's devices are the members'.
    for (const p of sharing.pairing.peers(db)) {
      if (!p.engine || p.engine.device === m.deviceId) continue;
      engineOf.set(p.deviceId, p.engine.device);
      if (known.get(p.engine.device) !== false) await m.addDevice(p.engine.device, { addresses: addressesOf(p.engine), autoAccept: false });
    }
    const offices = this.opts.offices ?? [];
    for (const o of offices) if (known.get(o.device) !== false) await m.addDevice(o.device, { addresses: addressesOf(o), autoAccept: false });
    const paired = new Set(engineOf.values());
    const have = new Set((await m.folders()).map((f) => f.id));
    for (const o of await m.offeredFolders()) {
      if (have.has(o.folderId) || !paired.has(o.deviceId)) continue;
      // A case folder a paired member shares with this device: joined with that member only until the key
      // envelope inside names the case and its members (the exchange this schedules reads it).
      const added = await m.addFolder({ folderId: o.folderId, devices: [o.deviceId] });
      this.paths.set(o.folderId, added.path);
      have.add(o.folderId);
      this.schedule(o.folderId, 200);
    }
    for (const { caseId } of sharing.membership.activeCases(db)) {
      const folderId = this.folderIdOf(caseId, db);
      if (!folderId) continue;
      await this.ensureFolder(folderId);
      const members = sharing.membership.members(caseId, db).filter((x) => !x.self && x.status === 'active');
      const devices = [...new Set([...members.map((x) => engineOf.get(x.deviceId)).filter((d): d is string => !!d), ...offices.map((o) => o.device)])];
      const now = (await m.folder(folderId)).devices.map((d) => d.deviceID).filter((d) => d !== m.deviceId);
      if (JSON.stringify([...now].sort()) !== JSON.stringify([...devices].sort())) await m.setFolderDevices(folderId, devices);
    }
  }

  /**
   * The folder's path, adding the folder to Syncthing when it is not there yet (this device made it, or joins it).
   * Called only inside serially(): the check and the add must not interleave with another pass's.
   */
  private async ensureFolder(folderId: string): Promise<string> {
    const m = this.manager!;
    const have = (await m.folders()).find((f) => f.id === folderId);
    const dir = have ? have.path : (await m.addFolder({ folderId, devices: [] })).path;
    // A folder taken in from a member gets the patterns a folder made here has from the start.
    ignoreUnfinishedFiles(dir);
    this.paths.set(folderId, dir);
    return dir;
  }

  private allCases(): string[] {
    return (this.deps.session().db.prepare('SELECT case_id FROM team_folders').all() as { case_id: string }[]).map((r) => r.case_id);
  }

  private folderIdOf(caseId: string, db: ReadDb = this.deps.session().db): string | null {
    return (db.prepare('SELECT folder_id FROM team_folders WHERE case_id = ?').get(caseId) as { folder_id: string } | undefined)?.folder_id ?? null;
  }

  private assignFolder(caseId: string): string {
    const folderId = newFolderId();
    this.deps.writer.write((w) => {
      w.db.prepare('INSERT INTO team_folders (case_id, folder_id, at) VALUES (?, ?, ?)').run(caseId, folderId, w.at);
    });
    return folderId;
  }

  private clearProblems(folderId: string): void {
    for (let i = this.problems.length - 1; i >= 0; i--) if (this.problems[i]!.folderId === folderId && this.problems[i]!.code === 'EXCHANGE_FAILED') this.problems.splice(i, 1);
  }

  private note(folderId: string, err: unknown, code: TeamProblem['code'] = 'EXCHANGE_FAILED'): void {
    this.problems.push({ code, folderId, message: err instanceof Error ? err.message : String(err), at: new Date().toISOString() });
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }
}

/** A daemon listening on every interface is found by local discovery; a specific address is dialled as given. */
function addressesOf(c: EngineContact): string[] {
  return /^\w+:\/\/(0\.0\.0\.0|\[::\]):/.test(c.address) ? [] : [c.address];
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SyncEngineStatus, SyncFolderStatus, SyncProblem } from '../../../shared/schemas/sync-engine';
import { findSyncthing } from './binary';
import { ensureGenerated, optionsPatch, writeStartConfig, type NetworkChoice } from './config-file';
import { DaemonProcess, freePort, reapStale } from './daemon';
import { EventWatch, type EngineEvent, type WatchedProblem } from './event-watch';
import { DeviceIdSchema, FolderIdSchema, FolderRefSchema, ListenAddressSchema, newFolderId } from './ids';
import { problem, problemInText, SyncEngineError } from './problems';
import { SaktaError } from '../../../shared/errors';
import { SyncthingRest } from './rest-client';
import { ignoreUnfinishedFiles } from './unfinished-files';
import {
  DbStatusSchema,
  DeviceListSchema,
  PendingFoldersSchema,
  FolderConfigSchema,
  FolderListSchema,
  OptionsSchema,
  ConnectionsSchema,
  SystemStatusFullSchema,
  type FolderConfig,
} from './rest-schemas';

export interface SyncthingManagerOptions {
  /** Sakta's data folder; Syncthing's home is `<dataDir>/syncthing`, shared folders `<dataDir>/sync-folders/<random>`. */
  dataDir: string;
  /** Default `tcp://0.0.0.0:22000` (Syncthing's port); tests use `tcp://127.0.0.1:<free port>`. */
  listenAddress?: string;
  /** Default true on a laptop (docs/sync.md, "Syncthing": why); the office node and the tests turn it off. */
  localDiscovery?: boolean;
  /** The binary; else found by `findSyncthing` (the shipped one when `shipped` is given). */
  binary?: string;
  shipped?: string;
  /** Only the office node keeps a log file; a laptop keeps the last lines in memory. */
  logFile?: string;
  /** Rescan interval and file-watcher delay of every folder (seconds); short in tests. */
  rescanIntervalS?: number;
  fsWatcherDelayS?: number;
  /**
   * Free space (percent of the disk) a folder keeps: below it Syncthing stops receiving and reports it, which
   * Sakta shows as DISK_FULL before the disk is really full. Syncthing's default is 1.
   */
  minDiskFreePct?: number;
  /** How often Syncthing retries a peer it lost (Syncthing's default 60 s; short in tests). */
  reconnectionIntervalS?: number;
  /**
   * The office node: folders its peers offer are accepted into `<acceptDir>/<folder id>` (Syncthing's auto-accept),
   * so a new shared case needs nothing done on the node.
   */
  acceptDir?: string;
  now?: () => Date;
}

const MAX_PROBLEMS = 20;
/** Syncthing's words when another process holds the home's database (the OS's EAGAIN, through Go). */
const DB_LOCKED = /opening database.*resource temporarily unavailable/i;

/**
 * Sakta's own Syncthing: one daemon per vault (or office node), its own home and keys, configured for privacy,
 * watched through its REST API and event stream. Start with the vault, stop at lock and quit.
 */
export class SyncthingManager {
  private daemon: DaemonProcess | null = null;
  private starting: Promise<void> | null = null;
  private rest: SyncthingRest | null = null;
  private watch: EventWatch | null = null;
  private myId: string | null = null;
  private stopping = false;
  private readonly problems: WatchedProblem[] = [];
  private readonly lastSynced = new Map<string, Date>();
  private readonly folderDevices = new Map<string, string[]>();
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly net: NetworkChoice;
  private readonly now: () => Date;
  readonly home: string;
  readonly foldersDir: string;

  constructor(private readonly opts: SyncthingManagerOptions) {
    this.net = {
      listenAddress: ListenAddressSchema.parse(opts.listenAddress ?? 'tcp://0.0.0.0:22000'),
      localDiscovery: opts.localDiscovery ?? true,
    };
    this.now = opts.now ?? (() => new Date());
    this.home = path.join(opts.dataDir, 'syncthing');
    this.foldersDir = path.join(opts.dataDir, 'sync-folders');
  }

  get running(): boolean {
    return this.daemon?.running ?? false;
  }

  /** This daemon's device id (what peers add); known after the first start. */
  get deviceId(): string {
    if (!this.myId) throw new SyncEngineError('ENGINE_FAILED', 'not started');
    return this.myId;
  }

  /** The daemon's process id, for tests that stop, freeze or kill it as a crash or a sleeping laptop would. */
  get pid(): number | undefined {
    return this.daemon?.running ? this.daemon.pid : undefined;
  }

  /** Starts the daemon (again, after a stop or a crash) and returns once its REST API answers and the options hold. */
  start(): Promise<void> {
    // Two callers at once (unlock and a retry) share one start rather than racing two daemons over one home.
    this.starting ??= this.startOnce().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    if (this.running) return;
    await this.watch?.stop();
    this.watch = null;
    const binary = this.opts.binary ?? findSyncthing(this.opts.shipped === undefined ? {} : { shipped: this.opts.shipped });
    ensureGenerated(binary, this.home);
    await reapStale(this.home);
    this.stopping = false;
    let lastFailure = '';
    // The REST port is free when picked but may be taken before Syncthing binds it: a few tries with new ports.
    for (let attempt = 0; attempt < 3; attempt++) {
      const gui = { port: await freePort(), apiKey: crypto.randomBytes(24).toString('base64url') };
      writeStartConfig(this.home, gui, this.net);
      const daemon = new DaemonProcess(binary, this.home, this.opts.logFile ? { logFile: this.opts.logFile } : {});
      const rest = new SyncthingRest(`http://127.0.0.1:${gui.port}`, gui.apiKey);
      try {
        await daemon.waitReady(rest, 60_000);
      } catch {
        await daemon.stop(null, 5_000);
        lastFailure = daemon.recentLog().slice(-3).join(' | ');
        if (daemon.seen.some((s) => s.code === 'PORT_IN_USE')) continue;
        // A daemon ended a moment ago (reapStale, or one stopped just before) may still hold the home's database
        // lock for a moment: another try after a pause rather than a failed unlock.
        if (daemon.recentLog().some((l) => DB_LOCKED.test(l))) {
          await new Promise((r) => setTimeout(r, 1_000));
          continue;
        }
        throw new SyncEngineError('ENGINE_FAILED', lastFailure.slice(0, 300) || 'Syncthing did not answer');
      }
      this.daemon = daemon;
      this.rest = rest;
      void daemon.exited.then(() => {
        if (!this.stopping) this.note({ code: 'ENGINE_FAILED', folderId: null, detail: null, at: this.now() });
      });
      try {
        await this.configure();
      } catch (e) {
        // Never left running half-configured (an option it refused could be one that leaks).
        await this.stop(5_000);
        throw e;
      }
      this.dropProblems((p) => p.code === 'ENGINE_FAILED');
      this.watch = new EventWatch(rest, (e) => this.onEvent(e), this.now);
      return;
    }
    throw new SyncEngineError(DB_LOCKED.test(lastFailure) ? 'ENGINE_FAILED' : 'PORT_IN_USE', lastFailure.slice(0, 300));
  }

  /** Stops the daemon: REST shutdown, then SIGTERM, then SIGKILL, each after `boundMs`. */
  async stop(boundMs = 10_000): Promise<void> {
    this.stopping = true;
    await this.watch?.stop();
    this.watch = null;
    await this.daemon?.stop(this.rest, boundMs);
    this.daemon = null;
    this.rest = null;
  }

  /** Resolves when the daemon exits, whether asked to or not (the office node ends with it). */
  async stopped(): Promise<void> {
    await this.daemon?.exited;
  }

  /** Bandwidth limits in KiB/s (0: none), e.g. on a phone hotspot. */
  async setRateLimits(limits: { sendKbps: number; recvKbps: number }): Promise<void> {
    // Syncthing leaves peers on the local network (a hotspot, the office LAN, and 127.0.0.1) unlimited unless
    // limitBandwidthInLan is on: without it a limit asked for there did nothing (tests/integration/team-sync-resume.test.ts).
    await this.api().send('PATCH', '/rest/config/options', { maxSendKbps: limits.sendKbps, maxRecvKbps: limits.recvKbps, limitBandwidthInLan: true });
  }

  /** Where this run's REST API listens (127.0.0.1, a random port); it answers only with the run's API key. */
  get restUrl(): string | null {
    return this.rest?.baseUrl ?? null;
  }

  /** The address peers reach this daemon at (what a member's Sakta gives the others with its device id). */
  get listenAddress(): string {
    return this.net.listenAddress;
  }

  /** Listens to what the event stream says (a folder changed, a peer came or went, a problem); returns unsubscribe. */
  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recentLog(): string[] {
    return this.daemon?.recentLog() ?? [];
  }

  // ── devices ──

  /**
   * Adds (or updates) a peer's device; `addresses` like `tcp://10.0.0.5:22000`, or none to rely on discovery.
   * `autoAccept`: folders it offers are taken in (default: only on the office node, which has `acceptDir`).
   */
  async addDevice(deviceId: string, opts: { addresses?: string[]; autoAccept?: boolean } = {}): Promise<void> {
    const id = DeviceIdSchema.parse(deviceId);
    const addresses = (opts.addresses ?? []).map((a) => ListenAddressSchema.parse(a));
    await this.api().send('PUT', `/rest/config/devices/${id}`, {
      deviceID: id,
      name: id.slice(0, 7),
      addresses: addresses.length ? addresses : ['dynamic'],
      autoAcceptFolders: opts.autoAccept ?? this.opts.acceptDir !== undefined,
      compression: 'metadata',
    });
  }

  /** Removes a peer's device, and with it its place in every folder. */
  async removeDevice(deviceId: string): Promise<void> {
    const id = DeviceIdSchema.parse(deviceId);
    for (const f of await this.folders()) {
      if (f.devices.some((d) => d.deviceID === id)) await this.setFolderDevices(f.id, f.devices.map((d) => d.deviceID).filter((d) => d !== id && d !== this.myId));
    }
    await this.api().send('DELETE', `/rest/config/devices/${id}`);
  }

  async devices(): Promise<string[]> {
    return (await this.deviceConfigs()).map((d) => d.deviceID);
  }

  /** Each peer's device as configured (whether Syncthing takes in the folders it offers by itself). */
  async deviceConfigs(): Promise<{ deviceID: string; autoAcceptFolders: boolean }[]> {
    const list = await this.api().get('/rest/config/devices', DeviceListSchema);
    return list.filter((d) => d.deviceID !== this.myId).map((d) => ({ deviceID: d.deviceID, autoAcceptFolders: d.autoAcceptFolders }));
  }

  /** Folders that connected devices offer and this daemon does not share with them (Syncthing's pending folders). */
  async offeredFolders(): Promise<{ folderId: string; deviceId: string }[]> {
    const pending = await this.api().get('/rest/cluster/pending/folders', PendingFoldersSchema);
    return Object.entries(pending).flatMap(([folderId, p]) => Object.keys(p.offeredBy).map((deviceId) => ({ folderId, deviceId })));
  }

  // ── folders ──

  /** A new folder with a random id and a random path under `<dataDir>/sync-folders/`, shared with `devices`. */
  async addFolder(opts: { folderId?: string; devices?: string[] } = {}): Promise<{ folderId: string; path: string }> {
    // A member joining a case's folder uses the id the sharer chose (it travels in a sealed message); else a new one.
    const folderId = opts.folderId === undefined ? newFolderId() : FolderIdSchema.parse(opts.folderId);
    const devices = opts.devices ?? [];
    // Syncthing's PUT replaces a folder that exists: its path would become a new, empty one and the case's files would
    // be left behind, so an existing id is refused (team-sync serialises its check-then-add; this guards the rest).
    if ((await this.folders()).some((f) => f.id === folderId)) throw new SaktaError('CONFLICT', `Syncthing already has folder ${folderId}.`);
    const dir = path.join(this.foldersDir, crypto.randomBytes(8).toString('hex'));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Before Syncthing's first scan of it, so that no file still being written is ever announced.
    ignoreUnfinishedFiles(dir);
    await this.api().send('PUT', `/rest/config/folders/${folderId}`, {
      id: folderId,
      label: folderId,
      path: dir,
      type: 'sendreceive',
      devices: this.deviceList(devices),
      ...this.folderTuning(),
    });
    this.folderDevices.set(folderId, devices);
    return { folderId, path: dir };
  }

  /** Removes the folder from Syncthing; its files are deleted too only when asked. */
  async removeFolder(folderId: string, opts: { deleteFiles?: boolean } = {}): Promise<void> {
    const f = await this.folder(folderId);
    await this.api().send('DELETE', `/rest/config/folders/${f.id}`);
    this.folderDevices.delete(f.id);
    this.lastSynced.delete(f.id);
    if (opts.deleteFiles) fs.rmSync(f.path, { recursive: true, force: true });
  }

  /** The folder's members' devices, exactly: a device left out no longer receives anything of this folder. */
  async setFolderDevices(folderId: string, devices: string[]): Promise<void> {
    const id = FolderRefSchema.parse(folderId);
    await this.api().send('PATCH', `/rest/config/folders/${id}`, { devices: this.deviceList(devices) });
    this.folderDevices.set(id, devices);
  }

  async folder(folderId: string): Promise<FolderConfig> {
    return this.api().get(`/rest/config/folders/${FolderRefSchema.parse(folderId)}`, FolderConfigSchema);
  }

  async folders(): Promise<FolderConfig[]> {
    return this.api().get('/rest/config/folders', FolderListSchema);
  }

  /** Asks for a scan now, instead of waiting for the file watcher (Sakta just wrote a segment). */
  async scan(folderId: string): Promise<void> {
    await this.api().send('POST', `/rest/db/scan?folder=${FolderRefSchema.parse(folderId)}`, undefined, 120_000);
  }

  // ── status ──

  /** Bytes moved with one peer over the current connection (a new connection starts from 0). */
  async peerTraffic(deviceId: string): Promise<{ connected: boolean; inBytes: number; outBytes: number }> {
    const c = (await this.api().get('/rest/system/connections', ConnectionsSchema)).connections[DeviceIdSchema.parse(deviceId)];
    return { connected: c?.connected ?? false, inBytes: c?.inBytesTotal ?? 0, outBytes: c?.outBytesTotal ?? 0 };
  }

  async folderStatus(folderId: string): Promise<SyncFolderStatus> {
    const f = await this.folder(folderId);
    const conns = (await this.api().get('/rest/system/connections', ConnectionsSchema)).connections;
    return this.folderStatusOf(f, conns);
  }

  /** Everything a lawyer reads on the Team screen, from the daemon now (not from a cache). */
  async status(): Promise<SyncEngineStatus> {
    let problems = this.problemList();
    if (!this.running || !this.rest) return { running: false, deviceId: this.myId, folders: [], problems };
    const sys = await this.api().get('/rest/system/status', SystemStatusFullSchema);
    for (const [addr, s] of Object.entries(sys.connectionServiceStatus ?? {})) {
      if (s.error && problemInText(s.error) === 'PORT_IN_USE') problems.push(problem('PORT_IN_USE', this.now(), { detail: addr }));
    }
    // The same port seen in the log says less than the address above: one entry, the one with the address.
    if (problems.some((p) => p.code === 'PORT_IN_USE' && p.detail)) problems = problems.filter((p) => p.code !== 'PORT_IN_USE' || p.detail);
    const conns = (await this.api().get('/rest/system/connections', ConnectionsSchema)).connections;
    const folders: SyncFolderStatus[] = [];
    for (const f of await this.folders()) folders.push(await this.folderStatusOf(f, conns));
    return { running: true, deviceId: this.myId, folders, problems };
  }

  private async folderStatusOf(f: FolderConfig, conns: Record<string, { connected: boolean }>): Promise<SyncFolderStatus> {
    const db = await this.api().get(`/rest/db/status?folder=${encodeURIComponent(f.id)}`, DbStatusSchema);
    const peers = f.devices.map((d) => d.deviceID).filter((d) => d !== this.myId);
    const peersConnected = peers.filter((p) => conns[p]?.connected).length;
    if (db.state === 'idle' && db.needTotalItems === 0 && peersConnected > 0) this.lastSynced.set(f.id, this.now());
    const progress = db.globalBytes > 0 ? Math.min(1, Math.max(0, 1 - db.needBytes / db.globalBytes)) : db.needTotalItems === 0 ? 1 : 0;
    return {
      folderId: f.id,
      state: db.state,
      lastSynced: this.lastSynced.get(f.id)?.toISOString() ?? null,
      peersConnected,
      peersTotal: peers.length,
      filesWaiting: db.needFiles,
      bytesToGo: db.needBytes,
      progress,
    };
  }

  // ── inside ──

  private api(): SyncthingRest {
    if (!this.rest || !this.running) throw new SyncEngineError('ENGINE_FAILED', 'Syncthing is not running');
    return this.rest;
  }

  private deviceList(devices: string[]) {
    const ids = devices.map((d) => DeviceIdSchema.parse(d));
    return [this.deviceId, ...ids.filter((d) => d !== this.myId)].map((deviceID) => ({ deviceID }));
  }

  private folderTuning() {
    return {
      rescanIntervalS: this.opts.rescanIntervalS ?? 3600,
      fsWatcherEnabled: true,
      fsWatcherDelayS: this.opts.fsWatcherDelayS ?? 10,
      // Sakta's files are never rewritten by two writers; a conflict copy would still be kept, never dropped.
      ignorePerms: true,
      minDiskFree: { value: this.opts.minDiskFreePct ?? 1, unit: '%' },
    };
  }

  /** The options again over REST, read back: Sakta does not run a Syncthing that ignored them. */
  private async configure(): Promise<void> {
    const rest = this.api();
    const want = { ...optionsPatch(this.net), ...(this.opts.reconnectionIntervalS === undefined ? {} : { reconnectionIntervalS: this.opts.reconnectionIntervalS }) };
    await rest.send('PATCH', '/rest/config/options', want);
    const got = await rest.get('/rest/config/options', OptionsSchema);
    for (const [k, v] of Object.entries(want)) {
      if (JSON.stringify(got[k as keyof typeof got]) !== JSON.stringify(v)) throw new SyncEngineError('ENGINE_FAILED', `Syncthing kept option ${k}`);
    }
    this.myId = (await rest.get('/rest/system/status', SystemStatusFullSchema)).myID;
    if (this.opts.acceptDir !== undefined) {
      fs.mkdirSync(this.opts.acceptDir, { recursive: true, mode: 0o700 });
      await rest.send('PATCH', '/rest/config/defaults/folder', { path: this.opts.acceptDir, type: 'sendreceive', ...this.folderTuning() });
    }
    for (const f of await this.folders()) this.folderDevices.set(f.id, f.devices.map((d) => d.deviceID).filter((d) => d !== this.myId));
  }

  private onEvent(e: EngineEvent): void {
    if (e.kind === 'problem') this.note(e.problem);
    // A folder that pulls without errors again is no longer short of space.
    if (e.kind === 'folder-summary' && e.summary.pullErrors === 0 && e.summary.errors === 0) this.dropProblems((p) => p.code === 'DISK_FULL' && p.folderId === e.folderId);
    if (e.kind === 'folder-summary' && e.summary.state === 'idle' && e.summary.needTotalItems === 0) {
      const members = this.folderDevices.get(e.folderId) ?? [];
      if (members.some((m) => this.watch?.connected.has(m))) this.lastSynced.set(e.folderId, this.now());
    }
    for (const l of this.listeners) l(e);
  }

  private note(p: WatchedProblem): void {
    const same = this.problems.findIndex((q) => q.code === p.code && q.folderId === p.folderId && q.detail === p.detail);
    if (same >= 0) this.problems.splice(same, 1);
    this.problems.push(p);
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }

  private dropProblems(which: (p: WatchedProblem) => boolean): void {
    for (let i = this.problems.length - 1; i >= 0; i--) if (which(this.problems[i]!)) this.problems.splice(i, 1);
  }

  private problemList(): SyncProblem[] {
    const out = this.problems.map((p) => problem(p.code, p.at, { folderId: p.folderId, detail: p.detail }));
    for (const s of this.daemon?.seen ?? []) if (!out.some((o) => o.code === s.code && o.detail === null)) out.push(problem(s.code, s.at));
    return out;
  }
}

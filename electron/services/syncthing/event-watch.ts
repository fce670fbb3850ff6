import type { SyncthingRest } from './rest-client';
import {
  DeviceEventDataSchema,
  DeviceRejectedDataSchema,
  EventsSchema,
  FolderErrorsDataSchema,
  FolderSummaryDataSchema,
  PendingDevicesDataSchema,
  PendingFoldersChangedDataSchema,
  StateChangedDataSchema,
  type DbStatus,
  type SyncthingEvent,
} from './rest-schemas';
import { problemInText } from './problems';
import type { SyncProblemCode } from '../../../shared/schemas/sync-engine';

/** The event types Sakta follows; Syncthing sends only these (the `events` filter), so the long-poll stays cheap. */
const TYPES = [
  'FolderSummary',
  'StateChanged',
  'DeviceConnected',
  'DeviceDisconnected',
  'PendingDevicesChanged',
  'PendingFoldersChanged',
  'DeviceRejected',
  'FolderErrors',
  'FolderCompletion',
  'ItemFinished',
  'LocalIndexUpdated',
  'RemoteIndexUpdated',
] as const;

export interface WatchedProblem {
  code: SyncProblemCode;
  folderId: string | null;
  detail: string | null;
  at: Date;
}

/** What one event says about a folder or a peer, for listeners (the integrator runs Sakta's sync on `folder-changed`). */
export type EngineEvent =
  | { kind: 'folder-changed'; folderId: string }
  | { kind: 'folder-summary'; folderId: string; summary: DbStatus }
  | { kind: 'peer'; deviceId: string; connected: boolean }
  | { kind: 'folder-offered' }
  | { kind: 'problem'; problem: WatchedProblem };

const folderOf = (data: unknown): string | null =>
  typeof data === 'object' && data !== null && typeof (data as { folder?: unknown }).folder === 'string' ? (data as { folder: string }).folder : null;

/**
 * Follows `/rest/events` by long-poll from the daemon's start until stop. An event whose data does not match its
 * schema is skipped (Syncthing changed shape), never trusted.
 */
export class EventWatch {
  readonly connected = new Set<string>();
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    private readonly rest: SyncthingRest,
    private readonly emit: (e: EngineEvent) => void,
    private readonly now: () => Date,
  ) {
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async loop(): Promise<void> {
    let since = 0;
    while (!this.abort.signal.aborted) {
      let events: SyncthingEvent[];
      try {
        events = await this.rest.get(`/rest/events?since=${since}&timeout=20&events=${TYPES.join(',')}`, EventsSchema, { timeoutMs: 40_000, signal: this.abort.signal });
      } catch {
        if (this.abort.signal.aborted) return;
        // The daemon is restarting or busy: try again shortly rather than spin.
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const e of events) {
        since = Math.max(since, e.id);
        this.handle(e);
      }
    }
  }

  private handle(e: SyncthingEvent): void {
    const at = this.now();
    switch (e.type) {
      case 'FolderSummary': {
        const d = FolderSummaryDataSchema.safeParse(e.data);
        if (d.success) this.emit({ kind: 'folder-summary', folderId: d.data.folder, summary: d.data.summary });
        return;
      }
      case 'DeviceConnected':
      case 'DeviceDisconnected': {
        const d = DeviceEventDataSchema.safeParse(e.data);
        if (!d.success) return;
        const up = e.type === 'DeviceConnected';
        if (up) this.connected.add(d.data.id);
        else this.connected.delete(d.data.id);
        this.emit({ kind: 'peer', deviceId: d.data.id, connected: up });
        return;
      }
      case 'PendingDevicesChanged': {
        const d = PendingDevicesDataSchema.safeParse(e.data);
        for (const dev of d.success ? (d.data.added ?? []) : []) this.emit({ kind: 'problem', problem: { code: 'PEER_UNKNOWN', folderId: null, detail: dev.deviceID, at } });
        return;
      }
      case 'PendingFoldersChanged': {
        // A device offers a folder this daemon does not share with it: the owner decides (TeamSync.reconcile).
        const d = PendingFoldersChangedDataSchema.safeParse(e.data);
        if (d.success && d.data.added?.length) this.emit({ kind: 'folder-offered' });
        break;
      }
      case 'DeviceRejected': {
        const d = DeviceRejectedDataSchema.safeParse(e.data);
        if (d.success) this.emit({ kind: 'problem', problem: { code: 'PEER_UNKNOWN', folderId: null, detail: d.data.device, at } });
        return;
      }
      case 'FolderErrors': {
        const d = FolderErrorsDataSchema.safeParse(e.data);
        if (!d.success) return;
        for (const err of d.data.errors ?? []) {
          const code = problemInText(err.error);
          if (code) this.emit({ kind: 'problem', problem: { code, folderId: d.data.folder, detail: null, at } });
        }
        return;
      }
      case 'StateChanged': {
        const d = StateChangedDataSchema.safeParse(e.data);
        const code = d.success && d.data.error ? problemInText(d.data.error) : null;
        if (d.success && code) this.emit({ kind: 'problem', problem: { code, folderId: d.data.folder, detail: null, at } });
        return;
      }
      default: {
        const folderId = folderOf(e.data);
        if (folderId) this.emit({ kind: 'folder-changed', folderId });
      }
    }
  }
}

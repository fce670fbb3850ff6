/**
 * The one IPC table: channel → { request, response } zod schemas.
 * Preload, main-process handlers, the test bridge and the renderer client are all typed from it.
 * Each domain keeps its channels in ./channels/<domain>.ts; add one spread line here.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { caseChannels } from './channels/cases';
import { vaultChannels } from './channels/vault';
import { dialogChannels } from './channels/dialog';
import { bundlesChannels } from './channels/bundles';
import { documentsChannels } from './channels/documents';
import { searchChannels } from './channels/search';
import { settingsChannels } from './channels/settings';
import { backupChannels } from './channels/backup';
import { protectionChannels } from './channels/protection';
import { viewerChannels } from './channels/viewer';
import { rulesChannels } from './channels/rules';
import { teamChannels } from './channels/team';

export const contract = {
  ...vaultChannels,
  ...dialogChannels,
  ...bundlesChannels,
  ...documentsChannels,
  ...searchChannels,
  ...caseChannels,
  ...settingsChannels,
  ...backupChannels,
  ...protectionChannels,
  ...viewerChannels,
  ...rulesChannels,
  ...teamChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What the renderer passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What the handler receives after parsing. */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<Channel>;

/** `window.sakta`: one nested method per channel, `sakta.vault.unlock({...})`. */
export type SaktaApi = {
  [D in Domain]: {
    [C in Channel as C extends `${D}.${infer M}` ? M : never]: (req: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  };
} & {
  /**
   * Files dropped on the window, as import tokens (like `dialog.openFiles` gives): the preload reads each
   * File's path (Electron's webUtils.getPathForFile) and hands it straight to the main process, so the page
   * never sees or names a path. Not a channel: a live File cannot cross IPC. Empty where there are no paths.
   */
  dropFiles: (files: readonly unknown[]) => Promise<PickedFile[]>;
  /** Absolute URL of the isolated PDF viewer page (another origin, no preload): the app embeds it in an iframe. */
  viewerFrameUrl: string;
  /** Absolute URL of the isolated image, audio and video viewer page (a third origin, no preload). */
  mediaFrameUrl: string;
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

import type { EventName, EventPayload } from './events';
import type { PickedFile } from '../schemas/picked';
export type { EventName, EventPayload };

/** Largest serialized request the main process accepts (imports pass file tokens, never bytes). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** The preload's private channel for dropped files' paths (not in the contract, so the page cannot call it). */
export const DROP_CHANNEL = 'sakta:dropped-files';

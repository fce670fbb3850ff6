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
   * The file-system path of a File dropped on the window (Electron's webUtils.getPathForFile), or null
   * where there is none. Not a channel: a live File cannot cross IPC.
   */
  pathForFile: (file: unknown) => string | null;
  /** Absolute URL of the isolated PDF viewer page (another origin, no preload): the app embeds it in an iframe. */
  viewerFrameUrl: string;
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

import type { EventName, EventPayload } from './events';
export type { EventName, EventPayload };

/** Largest serialized request the main process accepts (imports pass file paths, never bytes). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export function splitChannel(c: Channel): [string, string] {
  const i = c.indexOf('.');
  return [c.slice(0, i), c.slice(i + 1)];
}

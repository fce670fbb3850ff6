import fs from 'node:fs';
import path from 'node:path';
import { SyncEngineError } from './problems';

export interface FindSyncthingOptions {
  /**
   * The binary a packaged build ships (electron-builder `extraResources`, `<resources>/syncthing/`). When given it is
   * the only one used: a packaged app never runs a binary named by an environment variable.
   */
  shipped?: string;
  env?: NodeJS.ProcessEnv;
}

/** Where the shipped binary sits under a packaged app's resources folder. */
export function shippedSyncthingPath(resourcesPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(resourcesPath, 'syncthing', platform === 'win32' ? 'syncthing.exe' : 'syncthing');
}

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The Syncthing binary to run: the shipped one in a packaged build; otherwise `SAKTA_SYNCTHING` (development and
 * tests), else `syncthing` on PATH. ENGINE_MISSING (with how to install it) when there is none.
 */
export function findSyncthing(opts: FindSyncthingOptions = {}): string {
  if (opts.shipped !== undefined) {
    if (isExecutable(opts.shipped)) return opts.shipped;
    throw new SyncEngineError('ENGINE_MISSING');
  }
  const env = opts.env ?? process.env;
  const named = env.SAKTA_SYNCTHING;
  if (named) {
    if (isExecutable(named)) return named;
    throw new SyncEngineError('ENGINE_MISSING', 'SAKTA_SYNCTHING names no executable file');
  }
  const names = process.platform === 'win32' ? ['syncthing.exe'] : ['syncthing'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) if (isExecutable(path.join(dir, n))) return path.join(dir, n);
  }
  throw new SyncEngineError('ENGINE_MISSING');
}

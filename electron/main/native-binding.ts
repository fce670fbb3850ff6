import path from 'node:path';

/**
 * Where the Electron-ABI build of better-sqlite3-multiple-ciphers lives. node_modules holds the
 * Node build (tests, CLI); loading that one in Electron fails with NODE_MODULE_VERSION errors,
 * so the main process points the SQLite module at one of these instead.
 */
export interface BindingLocation {
  /** Repository root in development (the folder holding dist/ and .native/). */
  appRoot: string;
  /** process.resourcesPath when packaged. */
  resourcesPath?: string;
  electronVersion: string;
  packaged: boolean;
  exists: (p: string) => boolean;
}

const NODE_FILE = 'better_sqlite3.node';

export function electronSqliteBindingCandidates(loc: Omit<BindingLocation, 'exists'>): string[] {
  if (loc.packaged) {
    if (!loc.resourcesPath) return [];
    // electron-builder rebuilt the module for Electron (npmRebuild) and unpacked it out of the asar.
    return [path.join(loc.resourcesPath, 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', NODE_FILE)];
  }
  return [
    path.join(loc.appRoot, '.native', 'electron', loc.electronVersion, NODE_FILE),
    path.join(loc.appRoot, '.native', 'electron', NODE_FILE),
  ];
}

/** The first build that exists, or undefined (the module then loads its default, packaged build). */
export function findElectronSqliteBinding(loc: BindingLocation): string | undefined {
  return electronSqliteBindingCandidates(loc).find((p) => loc.exists(p));
}

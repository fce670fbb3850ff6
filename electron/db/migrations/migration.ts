import type { WriteDb } from '../connection';

/** One schema change; the list of them, in order, is MIGRATIONS in ./index.ts. */
export interface Migration {
  version: number;
  name: string;
  up(db: WriteDb): void;
}

import type { CliCommand } from '../registry';
import { commands as bundles } from './bundles';
import { commands as cases } from './cases';
import { commands as keys } from './keys';
import { commands as vault } from './vault';
import { commands as documents } from './documents';
import { commands as backup } from './backup';
import { commands as shred } from './shred';
import { commands as deadlines } from './deadlines';
import { commands as redaction } from './redaction';
import { commands as sharing } from './sharing';
import { commands as conflicts } from './conflicts';
import { commands as sync } from './sync';
import { commands as syncNode } from './sync-node';
import { commands as travel } from './travel';

/** Every CLI command; one line per domain. */
export const ALL_COMMANDS: CliCommand[] = [
  ...vault,
  ...keys,
  // Before documents: its "restore" handles both backup restore and, with --doc, the trash's.
  ...backup,
  ...shred,
  ...documents,
  ...redaction,
  ...cases,
  ...bundles,
  ...deadlines,
  ...sharing,
  ...conflicts,
  ...sync,
  ...syncNode,
  ...travel,
];

import type { CliCommand } from '../registry';
import { commands as bundles } from './bundles';
import { commands as cases } from './cases';
import { commands as vault } from './vault';

/** Every CLI command; one line per domain. */
export const ALL_COMMANDS: CliCommand[] = [
  ...vault,
  ...cases,
  ...bundles,
];

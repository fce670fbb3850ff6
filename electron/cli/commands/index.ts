import type { CliCommand } from '../registry';
import { commands as bundles } from './bundles';
import { commands as cases } from './cases';
import { commands as vault } from './vault';
import { commands as documents } from './documents';

/** Every CLI command; one line per domain. */
export const ALL_COMMANDS: CliCommand[] = [
  ...vault,
  ...documents,
  ...cases,
  ...bundles,
];

import { z } from 'zod';
import { requiredText } from './common';
import { PeerNameSchema } from './sharing';
import { KdfProfileSchema } from './vault';

/** Travel vaults (issue 18, docs/sync.md "Travel vaults"): what the CLI, and later the app, asks for. */
export const TravelCreateSchema = z.strictObject({
  /** Cases of the home vault the trip needs; an id not in the vault is refused (NOT_FOUND) before anything is made. */
  caseIds: z.array(z.string().trim().min(1).max(100)).min(1, 'Choose at least one case for the travel vault').max(1000),
  /** The new vault's folder: absent or empty. */
  to: requiredText(4096, 'Choose a folder for the travel vault'),
  passphrase: z.string().min(1, 'Give the travel vault a passphrase'),
  /** The folder both vaults will sync through later. */
  via: requiredText(4096).optional(),
  profile: KdfProfileSchema.optional(),
  /** The home vault's name for the travel vault; default "Travel <date>". */
  name: PeerNameSchema.optional(),
});
export type TravelCreateInput = z.input<typeof TravelCreateSchema>;

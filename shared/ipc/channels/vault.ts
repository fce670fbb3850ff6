import { z } from 'zod';
import { Done } from '../common';
import { RestoreOutcomeSchema, RestoreRequestSchema } from '../../schemas/backup';
import { KdfProfileSchema, PassphraseSchema, VaultInfoSchema, VaultStatusSchema } from '../../schemas/vault';

const Empty = z.strictObject({});

export const vaultChannels = {
  'vault.status': { request: Empty, response: VaultStatusSchema },
  'vault.create': {
    request: z.strictObject({ passphrase: PassphraseSchema, profile: KdfProfileSchema.default('standard') }),
    response: z.strictObject({ recoveryKey: z.string() }),
  },
  'vault.unlock': { request: z.strictObject({ passphrase: PassphraseSchema }), response: VaultInfoSchema },
  'vault.unlockWithRecoveryKey': {
    request: z.strictObject({ recoveryKey: z.string().min(1).max(200), newPassphrase: PassphraseSchema }),
    response: VaultInfoSchema,
  },
  'vault.lock': { request: Empty, response: Done },
  /** Restores the newest verifying snapshot of a backup into the app's vault folder and opens it. */
  'vault.restore': { request: RestoreRequestSchema, response: RestoreOutcomeSchema },
  'vault.cancelRestore': { request: Empty, response: z.strictObject({ cancelled: z.boolean() }) },
  'vault.info': { request: Empty, response: VaultInfoSchema },
  'vault.changePassphrase': {
    request: z.strictObject({ current: PassphraseSchema, next: PassphraseSchema }),
    /** recoveryKey: present when the vault's format-1 recovery key had to be replaced; shown once. */
    response: z.strictObject({ done: z.literal(true), recoveryKey: z.string().optional() }),
  },
  /** A new recovery key (shown once); the old one is revoked and the master key replaced. */
  'vault.newRecoveryKey': {
    request: z.strictObject({ passphrase: PassphraseSchema }),
    response: z.strictObject({ recoveryKey: z.string() }),
  },
  'vault.setKdfProfile': {
    request: z.strictObject({ passphrase: PassphraseSchema, profile: KdfProfileSchema }),
    response: VaultInfoSchema,
  },
} as const;

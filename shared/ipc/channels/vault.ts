import { z } from 'zod';
import { Done } from '../../schemas/common';
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
  'vault.info': { request: Empty, response: VaultInfoSchema },
  'vault.changePassphrase': {
    request: z.strictObject({ current: PassphraseSchema, next: PassphraseSchema }),
    response: Done,
  },
  'vault.setKdfProfile': {
    request: z.strictObject({ passphrase: PassphraseSchema, profile: KdfProfileSchema }),
    response: VaultInfoSchema,
  },
} as const;

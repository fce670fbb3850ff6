import { z } from 'zod';

export const KdfProfileSchema = z.enum(['standard', 'high-risk']);
export type KdfProfile = z.infer<typeof KdfProfileSchema>;

/** Passphrases are compared as UTF-8 bytes after NFC normalisation (see docs/vault-format.md). */
export const PassphraseSchema = z.string().min(1, 'Enter a passphrase').max(1024, 'Passphrase is too long');

export const VaultStatusSchema = z.strictObject({
  exists: z.boolean(),
  unlocked: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const VaultInfoSchema = z.strictObject({
  formatVersion: z.number().int(),
  vaultId: z.string(),
  createdAt: z.string(),
  kdf: z.strictObject({
    algorithm: z.literal('argon2id13'),
    opslimit: z.number().int(),
    memlimit: z.number().int(),
    profile: z.string(),
  }),
  schemaVersion: z.number().int().nullable(),
  counts: z.record(z.string(), z.number().int()).nullable(),
});
export type VaultInfo = z.infer<typeof VaultInfoSchema>;

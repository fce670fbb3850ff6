import { z } from 'zod';

/**
 * Files and folders the user picked in an OS dialog (or dropped on the window) cross to the renderer only as
 * one-time tokens; the main process keeps the paths. Each token is good for the purpose it was drawn for.
 */
export const PICK_PURPOSES = ['import-documents', 'export-document', 'export-bundle', 'export-case', 'export-calendar', 'backup-folder', 'team-folder', 'pairing-folder'] as const;
export const PickPurposeSchema = z.enum(PICK_PURPOSES);
export type PickPurpose = z.infer<typeof PickPurposeSchema>;

export const PathTokenSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a token from a Sakta dialog');

/** What the renderer may show and send back: the name, never the path. */
export const PickedFileSchema = z.strictObject({ token: PathTokenSchema, name: z.string().max(1024) });
export type PickedFile = z.infer<typeof PickedFileSchema>;

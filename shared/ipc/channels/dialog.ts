import { z } from 'zod';
import { PickedFileSchema } from '../../schemas/picked';

/**
 * OS dialogs run by the main process. The renderer gets back one-time tokens and names, never paths: the main
 * process keeps what the user chose, and import, export, bundle and backup requests name it by token.
 */
export const dialogChannels = {
  'dialog.openFiles': {
    request: z.strictObject({ purpose: z.enum(['import-documents']) }),
    response: z.strictObject({ files: z.array(PickedFileSchema).max(1000) }),
  },
  'dialog.saveFile': {
    request: z.strictObject({ purpose: z.enum(['export-document', 'export-bundle', 'export-case', 'export-calendar']), defaultName: z.string().min(1).max(255) }),
    response: z.strictObject({ file: PickedFileSchema.nullable() }),
  },
  'dialog.pickFolder': {
    request: z.strictObject({ purpose: z.enum(['backup-folder', 'team-folder', 'pairing-folder']) }),
    response: z.strictObject({ folder: PickedFileSchema.nullable() }),
  },
} as const;

import { z } from 'zod';

/** OS dialogs run by the main process; the renderer gets back only the paths the user chose. */
export const dialogChannels = {
  'dialog.openFiles': {
    request: z.strictObject({ purpose: z.enum(['import-documents']) }),
    response: z.strictObject({ paths: z.array(z.string().max(4096)).max(1000) }),
  },
  'dialog.saveFile': {
    request: z.strictObject({ purpose: z.enum(['export-document', 'export-bundle', 'export-case']), defaultName: z.string().min(1).max(255) }),
    response: z.strictObject({ path: z.string().max(4096).nullable() }),
  },
  'dialog.pickFolder': {
    request: z.strictObject({ purpose: z.enum(['backup-folder']) }),
    response: z.strictObject({ path: z.string().max(4096).nullable() }),
  },
} as const;

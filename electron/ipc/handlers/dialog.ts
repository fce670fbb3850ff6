import type { Handlers } from '../dispatcher';
import type { Dialogs } from '../../services/dialogs';
import type { PickedPaths } from '../../services/paths/picked-paths';

type DialogHandlers = Pick<Handlers, `dialog.${string}` & keyof Handlers>;

/** The OS dialog runs here; what the user chose stays here, and the page gets a token per file or folder. */
export function dialogHandlers(dialogs: Dialogs, picked: PickedPaths): DialogHandlers {
  return {
    'dialog.openFiles': async (r) => ({ files: (await dialogs.openFiles({ title: 'Import documents' })).map((p) => picked.grant(r.purpose, p)) }),
    'dialog.saveFile': async (r) => {
      let p = await dialogs.saveFile({ title: 'Save', defaultName: r.defaultName });
      if (p === null) return { file: null };
      // A bundle is a PDF: the name gets its extension here, where the path is, not in the page.
      if (r.purpose === 'export-bundle' && !/\.pdf$/i.test(p)) p += '.pdf';
      if (r.purpose === 'export-calendar' && !/\.ics$/i.test(p)) p += '.ics';
      return { file: picked.grant(r.purpose, p) };
    },
    'dialog.pickFolder': async (r) => {
      const p = await dialogs.pickFolder({ title: 'Choose a folder' });
      return { folder: p === null ? null : picked.grant(r.purpose, p) };
    },
  };
}

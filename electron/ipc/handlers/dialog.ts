import type { Handlers } from '../dispatcher';
import type { Dialogs } from '../../services/dialogs';
import type { PickedPaths } from '../../services/paths/picked-paths';
import { dialogTitle } from '../../services/dialog-titles';
import type { LANGUAGES } from '../../../shared/schemas/settings';

type DialogHandlers = Pick<Handlers, `dialog.${string}` & keyof Handlers>;

/**
 * The OS dialog runs here; what the user chose stays here, and the page gets a token per file or folder.
 * `language` is the UI language from the settings, read per dialog so a switch applies at once.
 */
export function dialogHandlers(dialogs: Dialogs, picked: PickedPaths, language: () => (typeof LANGUAGES)[number]): DialogHandlers {
  return {
    'dialog.openFiles': async (r) => ({ files: (await dialogs.openFiles({ title: dialogTitle(language(), r.purpose) })).map((p) => picked.grant(r.purpose, p)) }),
    'dialog.saveFile': async (r) => {
      let p = await dialogs.saveFile({ title: dialogTitle(language(), r.purpose), defaultName: r.defaultName });
      if (p === null) return { file: null };
      // A bundle is a PDF: the name gets its extension here, where the path is, not in the page.
      if (r.purpose === 'export-bundle' && !/\.pdf$/i.test(p)) p += '.pdf';
      if (r.purpose === 'export-calendar' && !/\.ics$/i.test(p)) p += '.ics';
      return { file: picked.grant(r.purpose, p) };
    },
    'dialog.pickFolder': async (r) => {
      const p = await dialogs.pickFolder({ title: dialogTitle(language(), r.purpose) });
      return { folder: p === null ? null : picked.grant(r.purpose, p) };
    },
  };
}

import type { Dialogs } from '../../services/dialogs';
import type { Handlers } from '../dispatcher';

type DialogHandlers = Pick<Handlers, `dialog.${string}` & keyof Handlers>;

/** The OS dialogs; the renderer gets back only the paths the user chose. */
export function dialogHandlers(dialogs: Dialogs): DialogHandlers {
  return {
    'dialog.openFiles': async () => ({ paths: await dialogs.openFiles({ title: 'Import documents' }) }),
    'dialog.saveFile': async (r) => ({ path: await dialogs.saveFile({ title: 'Save', defaultName: r.defaultName }) }),
    'dialog.pickFolder': async () => ({ path: await dialogs.pickFolder({ title: 'Choose a folder' }) }),
  };
}

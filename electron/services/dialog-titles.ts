import type { LANGUAGES } from '../../shared/schemas/settings';

type Language = (typeof LANGUAGES)[number];
export type DialogPurpose = 'import-documents' | 'export-document' | 'export-bundle' | 'export-case' | 'export-calendar' | 'backup-folder' | 'team-folder' | 'pairing-folder';

/**
 * The OS dialog's title bar, in the UI language. The dialog is drawn by the operating system from the
 * main process, where the renderer's i18n does not reach, so its few titles live here.
 */
const TITLES: Record<Language, Record<DialogPurpose, string>> = {
  en: {
    'import-documents': 'Import documents',
    'export-document': 'Save a copy of the document',
    'export-bundle': 'Save the court bundle',
    'export-case': 'Save the case export',
    'export-calendar': 'Save the calendar',
    'backup-folder': 'Choose a folder for backups',
    'team-folder': 'Choose the team folder',
    'pairing-folder': 'Choose a folder to pair through',
  },
  ru: {
    'import-documents': 'Импорт документов',
    'export-document': 'Сохранить копию документа',
    'export-bundle': 'Сохранить пакет для суда',
    'export-case': 'Сохранить экспорт дела',
    'export-calendar': 'Сохранить календарь',
    'backup-folder': 'Выберите папку для резервных копий',
    'team-folder': 'Выберите папку команды',
    'pairing-folder': 'Выберите папку для сопряжения',
  },
  ky: {
    'import-documents': 'Документтерди импорттоо',
    'export-document': 'Документтин көчүрмөсүн сактоо',
    'export-bundle': 'Сот үчүн топтомду сактоо',
    'export-case': 'Иштин экспортун сактоо',
    'export-calendar': 'Календарды сактоо',
    'backup-folder': 'Камдык көчүрмөлөр үчүн папканы тандаңыз',
    'team-folder': 'Выберите папку команды',
    'pairing-folder': 'Выберите папку для сопряжения',
  },
};

export function dialogTitle(language: Language, purpose: DialogPurpose): string {
  return TITLES[language][purpose];
}

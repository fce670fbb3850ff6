import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS } from '../../../../shared/schemas/settings';
import { currentLanguage, isLanguage, setLanguage } from '../../i18n';
import { saveSettings } from '../settings/settings-data';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { useSettings } from '../settings/settings-data';

/**
 * Shown at the top of every page once unlocked: applies the language stored in the vault, and reminds the
 * lawyer when the last backup is older than the chosen number of days. Loads once per unlock; it never
 * polls, so an idle window stays idle for the auto-lock.
 */
export function BackupReminder() {
  const { t } = useTranslation();
  const settings = useSettings();
  const status = useQuery('backup.status', {});

  const stored = settings.status === 'ready' ? settings.data.language : null;
  useEffect(() => {
    if (!stored || !isLanguage(stored)) return;
    const shown = currentLanguage();
    if (stored === shown) return;
    // A vault still on the default was never given a language: keep the one chosen before unlocking
    // (on the create or unlock screen) and store it. Otherwise the vault's choice wins.
    if (stored === DEFAULT_SETTINGS.language) void saveSettings({ language: shown });
    else setLanguage(stored);
  }, [stored]);

  if (status.status !== 'ready' || !status.data.reminderDue) return null;
  const s = status.data;
  return (
    <div className="backup-reminder" role="note" data-testid="backup-reminder">
      <span>{s.lastBackupAt ? t('protection.reminder.old', { count: s.reminderDays }) : t('protection.reminder.never')}</span>
      <button type="button" className="button-link" onClick={() => navigate('settings', { section: 'backup' })}>
        {t('protection.reminder.action')}
      </button>
    </div>
  );
}

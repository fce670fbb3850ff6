import { Notification } from 'electron';
import { reminderTexts } from '../../shared/reminders';
import type { AppServices } from '../composition/app-services';

const CHECK_EVERY_MS = 30 * 60_000;

/**
 * Desktop reminders of hearings and deadlines while the vault is open. The texts come from
 * shared/reminders.ts and carry only counts and days — a notification shows on a locked screen and
 * in the OS notification history, so it never names a client, a case or a court.
 */
export function installReminders(services: AppServices): () => void {
  // Keys hold only a date and a kind; kept across locks so unlocking again does not repeat a reminder.
  const fired = new Set<string>();
  const check = () => {
    if (!services.vault.status().unlocked || !Notification.isSupported()) return;
    try {
      const settings = services.settings.get();
      const days = Math.max(1, settings.hearingLeadDays, settings.deadlineLeadDays);
      const data = services.caseWork.agenda.dashboard({ days });
      const lang = settings.language === 'en' ? 'en' : 'ru'; // Kyrgyz reads Russian until reviewed strings exist
      for (const r of reminderTexts(data, { hearingLeadDays: settings.hearingLeadDays, deadlineLeadDays: settings.deadlineLeadDays, lang })) {
        if (fired.has(r.key)) continue;
        fired.add(r.key);
        new Notification({ title: 'Sakta', body: r.text }).show();
      }
    } catch {
      // Locked between the check and the query: the next unlock checks again.
    }
  };
  services.vault.addOpenHook(() => void setTimeout(check, 3_000));
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}

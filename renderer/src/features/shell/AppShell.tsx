import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AREAS, findArea } from '../../router/areas';
import { navigate, useRoute } from '../../router/router';
import { lockNow } from '../vault/session';
import { BackupReminder } from '../backup/BackupReminder';
import { QuickSwitcher } from '../quick-switch/QuickSwitcher';
import { UndoToast } from '../../components/UndoToast';

/** Left navigation from the area registry, the page, and a Lock button that never scrolls away. */
export function AppShell() {
  const { t } = useTranslation();
  const route = useRoute();
  const area = findArea(route.name) ?? findArea('cases');
  const Page = area?.component;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lockNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {AREAS.filter((a) => a.nav).map((a) => (
              <li key={a.name}>
                <button
                  type="button"
                  className="nav-item"
                  data-area={a.name}
                  aria-current={a.name === area?.name ? 'page' : undefined}
                  onClick={() => navigate(a.name)}
                >
                  {t(a.labelKey)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <button type="button" className="button-lock" onClick={() => void lockNow()} title={t('nav.lockHint')} data-testid="lock">
            {t('nav.lock')}
          </button>
        </div>
      </aside>
      <main className="page" data-area={area?.name}>
        <BackupReminder />
        {Page ? <Page route={route} /> : null}
        {/* Ctrl/Cmd+K works on every page. */}
        <QuickSwitcher />
        <UndoToast />
      </main>
    </div>
  );
}

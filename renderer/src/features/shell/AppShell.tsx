import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AREAS, findArea } from '../../router/areas';
import { navigate, useRoute } from '../../router/router';
import { lockNow } from '../vault/session';
import { BackupReminder } from '../backup/BackupReminder';
import { QuickSwitcher } from '../quick-switch/QuickSwitcher';
import { UndoToast } from '../../components/UndoToast';
import { hasUnsavedText, watchTyping } from '../../state/unsaved-forms';

/** Left navigation from the area registry, the page, and a Lock button that never scrolls away. */
export function AppShell() {
  const { t } = useTranslation();
  const route = useRoute();
  const area = findArea(route.name) ?? findArea('cases');
  const Page = area?.component;
  // A lock the lawyer asked for while a form holds unsaved text: she confirms, or goes back to save it.
  const [confirmLock, setConfirmLock] = useState(false);
  const requestLock = () => (hasUnsavedText() ? setConfirmLock(true) : void lockNow());

  useEffect(() => {
    watchTyping();
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        requestLock();
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
          <button type="button" className="button-lock" onClick={requestLock} title={t('nav.lockHint')} data-testid="lock">
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
        {confirmLock ? <LockAnyway onClose={() => setConfirmLock(false)} /> : null}
      </main>
    </div>
  );
}

/** "A form holds text you have not saved": Lock anyway (the text is dropped with the keys) or Go back. */
function LockAnyway({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    back.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lock-confirm-backdrop">
      <div className="lock-confirm panel" role="alertdialog" aria-modal="true" aria-labelledby="lock-confirm-h" aria-describedby="lock-confirm-p" data-testid="lock-confirm">
        <h2 id="lock-confirm-h">{t('nav.unsaved.title')}</h2>
        <p id="lock-confirm-p">{t('nav.unsaved.body')}</p>
        <div className="actions">
          <button type="button" className="button-quiet" ref={back} onClick={onClose}>
            {t('nav.unsaved.back')}
          </button>
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              onClose();
              void lockNow();
            }}
          >
            {t('nav.unsaved.lock')}
          </button>
        </div>
      </div>
    </div>
  );
}

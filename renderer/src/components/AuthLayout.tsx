import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The frame of every screen shown before the vault is open. */
export function AuthLayout({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <header className="auth-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitcher compact />
      </header>
      <main className={wide ? 'auth-card wide' : 'auth-card'}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

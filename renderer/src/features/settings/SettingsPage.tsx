import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n';
import type { Route } from '../../router/router';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';
import { BackupSection } from './BackupSection';
import { EraseSection } from './EraseSection';
import { LanguageSection } from './LanguageSection';
import { NewRecoveryKeySection } from './NewRecoveryKeySection';
import { PassphraseSection } from './PassphraseSection';
import { ProtectionLevelSection } from './ProtectionLevelSection';
import { SettingsFieldsForm } from './SettingsFieldsForm';
import { useSettings } from './settings-data';
import '../../styles/protection.css';

/**
 * Settings in sections, one on screen at a time, each its own route (`settings` with `section`), so the page
 * fits a 1280×720 window instead of one 3,000 px scroll. Ordered by how often a lawyer needs them; the
 * irreversible erase comes last. The backup reminder links to `section: 'backup'`.
 */
export const SETTINGS_SECTIONS = ['general', 'security', 'keys', 'backup', 'reminders', 'erase'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
const isSection = (s: string | undefined): s is SettingsSection => (SETTINGS_SECTIONS as readonly string[]).includes(s ?? '');

export function SettingsPage({ route }: { route?: Route }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const asked = route?.params.section;
  const section: SettingsSection = isSection(asked) ? asked : 'general';

  return (
    <div className="settings-page">
      <PageHeader
        title={t('settings.title')}
        actions={
          <button type="button" className="button-quiet" onClick={() => navigate('travel-safety')}>
            {t('protection.travel.open')}
          </button>
        }
      />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sections.label')}>
          <ul>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className="settings-nav-item"
                  data-settings-section={s}
                  aria-current={s === section ? 'page' : undefined}
                  onClick={() => navigate('settings', { section: s })}
                >
                  {t(`settings.sections.${s}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-body" data-section={section}>
          {settings.status === 'loading' ? <p>{t('common.loading')}</p> : null}
          {settings.status === 'error' ? <Notice kind="error">{`${t('protection.settings.loadError')} ${errorText(t, settings.error)}`}</Notice> : null}
          {settings.status === 'ready' && section === 'general' ? (
            <>
              <LanguageSection settings={settings.data} />
              <VaultFacts />
            </>
          ) : null}
          {settings.status === 'ready' && section === 'security' ? (
            <>
              <Section title={t('protection.settings.locking.title')} intro={t('protection.settings.locking.intro')} testId="settings-locking">
                <SettingsFieldsForm names={['autoLockMinutes', 'panicShortcut']} settings={settings.data} testId="locking-form" />
              </Section>
              <ProtectionLevelSection settings={settings.data} />
            </>
          ) : null}
          {settings.status === 'ready' && section === 'keys' ? (
            <>
              <PassphraseSection />
              <NewRecoveryKeySection />
              <Section title={t('protection.settings.recovery.title')} testId="settings-recovery">
                <ol className="plain-steps">
                  {(['1', '2', '3', '4'] as const).map((n) => (
                    <li key={n}>{t(`protection.settings.recovery.step${n}`)}</li>
                  ))}
                </ol>
              </Section>
            </>
          ) : null}
          {settings.status === 'ready' && section === 'backup' ? <BackupSection settings={settings.data} /> : null}
          {settings.status === 'ready' && section === 'reminders' ? (
            <Section title={t('protection.settings.reminders.title')} intro={t('protection.settings.reminders.intro')} testId="settings-reminders">
              <SettingsFieldsForm names={['hearingLeadDays', 'deadlineLeadDays']} settings={settings.data} testId="reminders-form" />
            </Section>
          ) : null}
          {section === 'erase' ? <EraseSection /> : null}
        </div>
      </div>
    </div>
  );
}

function Section({ title, intro, testId, children }: { title: string; intro?: string; testId: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`}>{title}</h2>
      {intro ? <p className="section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}

function VaultFacts() {
  const { t, i18n } = useTranslation();
  const info = useQuery('vault.info', {});
  return (
    <section className="panel" data-testid="vault-info">
      <h2>{t('settings.vault')}</h2>
      {info.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {info.status === 'error' ? <Notice kind="error">{`${t('settings.loadError')} ${errorText(t, info.error)}`}</Notice> : null}
      {info.status === 'ready' ? (
        <dl className="facts">
          <dt>{t('settings.createdAt')}</dt>
          <dd>{formatDate(info.data.createdAt, i18n.language, { dayOnly: true })}</dd>
          <dt>{t('settings.profile')}</dt>
          <dd>{t(`settings.profiles.${info.data.kdf.profile}`, { defaultValue: info.data.kdf.profile })}</dd>
          <dt>{t('settings.format')}</dt>
          <dd>{info.data.formatVersion}</dd>
        </dl>
      ) : null}
    </section>
  );
}

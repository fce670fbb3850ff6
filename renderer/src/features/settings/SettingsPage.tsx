import { useEffect, useId } from 'react';
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

/** Settings, ordered by how often a lawyer needs them; the irreversible erase comes last. */
export function SettingsPage({ route }: { route?: Route }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const section = route?.params.section;

  // The backup reminder links here; bring its section into view once loaded.
  useEffect(() => {
    if (section && settings.status === 'ready') document.querySelector(`[data-testid="settings-${section}"]`)?.scrollIntoView({ block: 'start' });
  }, [section, settings.status]);

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
      {settings.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {settings.status === 'error' ? <Notice kind="error">{`${t('protection.settings.loadError')} ${errorText(t, settings.error)}`}</Notice> : null}
      {settings.status === 'ready' ? (
        <>
          <Section title={t('protection.settings.locking.title')} intro={t('protection.settings.locking.intro')} testId="settings-locking">
            <SettingsFieldsForm names={['autoLockMinutes', 'panicShortcut']} settings={settings.data} testId="locking-form" />
          </Section>
          <BackupSection settings={settings.data} />
          <LanguageSection settings={settings.data} />
          <Section title={t('protection.settings.reminders.title')} intro={t('protection.settings.reminders.intro')} testId="settings-reminders">
            <SettingsFieldsForm names={['hearingLeadDays', 'deadlineLeadDays']} settings={settings.data} testId="reminders-form" />
          </Section>
          <ProtectionLevelSection settings={settings.data} />
          <PassphraseSection />
          <NewRecoveryKeySection />
          <Section title={t('protection.settings.recovery.title')} testId="settings-recovery">
            <ol className="plain-steps">
              {(['1', '2', '3', '4'] as const).map((n) => (
                <li key={n}>{t(`protection.settings.recovery.step${n}`)}</li>
              ))}
            </ol>
          </Section>
          <VaultFacts />
          <EraseSection />
        </>
      ) : null}
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

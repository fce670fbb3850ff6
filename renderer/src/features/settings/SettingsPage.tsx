import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n';
import { useQuery } from '../../state/store';

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const info = useQuery('vault.info', () => call('vault.info', {}));
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <section className="panel">
        <h2>{t('settings.language')}</h2>
        <LanguageSwitcher labelHidden />
      </section>
      <section className="panel" data-testid="vault-info">
        <h2>{t('settings.vault')}</h2>
        {info.status === 'loading' ? <p>{t('common.loading')}</p> : null}
        {info.status === 'error' ? <Notice kind="error">{`${t('settings.loadError')} ${errorText(t, info.error)}`}</Notice> : null}
        {info.status === 'ready' ? (
          <dl className="facts">
            <dt>{t('settings.createdAt')}</dt>
            <dd>{formatDate(info.data.createdAt, i18n.language)}</dd>
            <dt>{t('settings.profile')}</dt>
            <dd>{t(`settings.profiles.${info.data.kdf.profile}`, { defaultValue: info.data.kdf.profile })}</dd>
            <dt>{t('settings.format')}</dt>
            <dd>{info.data.formatVersion}</dd>
          </dl>
        ) : null}
      </section>
    </>
  );
}

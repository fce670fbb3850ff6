import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { enterApp } from './session';

/** Shown once, right after creation. Nothing offers to copy it: a clipboard is shared with every app. */
export function RecoveryKeyScreen({ recoveryKey }: { recoveryKey: string }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const groups = recoveryKey.split('-');
  return (
    <AuthLayout title={t('recovery.title')} wide>
      <p className="lead">{t('recovery.intro')}</p>
      <figure className="recovery-key">
        <figcaption>{t('recovery.keyLabel')}</figcaption>
        <p className="recovery-groups" data-testid="recovery-key" aria-label={groups.join(' ')}>
          {groups.map((g, i) => (
            <span key={i} className="recovery-group">
              {g}
            </span>
          ))}
        </p>
      </figure>
      <p>{t('recovery.advice')}</p>
      <label className="check">
        <input type="checkbox" name="stored" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <span>{t('recovery.stored')}</span>
      </label>
      <div className="actions">
        <button type="button" className="button-primary" disabled={!stored} onClick={enterApp}>
          {t('recovery.continue')}
        </button>
      </div>
    </AuthLayout>
  );
}

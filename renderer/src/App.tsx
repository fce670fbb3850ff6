import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hasApi, onEvent } from './api/client';
import { AuthLayout } from './components/AuthLayout';
import { Notice } from './components/Notice';
import { AppShell } from './features/shell/AppShell';
import { CreateVaultScreen } from './features/vault/CreateVaultScreen';
import { RestoreScreen } from './features/vault/RestoreScreen';
import { RecoverScreen } from './features/vault/RecoverScreen';
import { RecoveryKeyScreen } from './features/vault/RecoveryKeyScreen';
import { handleLocked, screenStore, startSession } from './features/vault/session';
import { UnlockScreen } from './features/vault/UnlockScreen';
import { applyDataChange, useStore } from './state/store';

export function App() {
  const { t } = useTranslation();
  const screen = useStore(screenStore);

  useEffect(() => {
    // Subscribe before asking for the status so a lock during start-up is not missed.
    const offLocked = onEvent('vault.locked', (p) => handleLocked(p.reason));
    // Each committed change in the main process reloads the queries whose answers it may have changed.
    const offChanged = onEvent('data.changed', applyDataChange);
    void startSession(hasApi());
    return () => {
      offLocked();
      offChanged();
    };
  }, []);

  switch (screen.kind) {
    case 'loading':
      return (
        <div className="splash" role="status">
          {t('common.loading')}
        </div>
      );
    case 'no-api':
      return (
        <AuthLayout title={t('noApi.title')}>
          <p>{t('noApi.body')}</p>
        </AuthLayout>
      );
    case 'startup-error':
      return (
        <AuthLayout title={t('app.name')}>
          <Notice kind="error">{`${t('startup.failed')} ${t(`errors.${screen.code}`, { defaultValue: '' })}`}</Notice>
        </AuthLayout>
      );
    case 'create':
      return <CreateVaultScreen />;
    case 'recovery-key':
      return <RecoveryKeyScreen recoveryKey={screen.recoveryKey} />;
    case 'unlock':
      return <UnlockScreen reason={screen.reason} discarded={screen.discarded ?? false} />;
    case 'recover':
      return <RecoverScreen />;
    case 'restore':
      return <RestoreScreen vaultExists={screen.vaultExists} />;
    case 'app':
      return <AppShell />;
  }
}

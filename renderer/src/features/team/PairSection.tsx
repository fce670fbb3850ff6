import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairOffers } from '../../../../shared/schemas/team';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { createStore, useStore } from '../../state/store';
import { SafetyCode } from './SafetyCode';

/** The folder being paired through (its dialog token and name) and what was found there; dropped at lock. */
const pairing = createStore<{ token: string; name: string; found: PairOffers } | null>(null);

/**
 * Pairing: choose a folder (this device's offer is left there), see the other devices' offers with the safety
 * code each shares with this one, and confirm one only after comparing the code on both screens.
 */
export function PairSection() {
  const { t } = useTranslation();
  const id = useId();
  const state = useStore(pairing);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function scan(token: string, name: string) {
    setError(null);
    try {
      pairing.set({ token, name, found: await call('team.pair', { folder: token }) });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(errorText(t, e));
    }
  }

  async function chooseFolder() {
    setDone(null);
    const r = await call('dialog.pickFolder', { purpose: 'pairing-folder' });
    if (r.folder) await scan(r.folder.token, r.folder.name);
  }

  const unpaired = state?.found.offers.filter((o) => !o.pairedAs) ?? [];
  const known = state?.found.offers.filter((o) => o.pairedAs) ?? [];
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="team-pair">
      <h2 id={`${id}-h`}>{t('team.pair.title')}</h2>
      <p className="section-intro">{t('team.pair.intro')}</p>
      <div className="actions">
        <button type="button" className={state ? 'button-quiet' : 'button-primary'} onClick={() => void chooseFolder()}>
          {t('team.pair.chooseFolder')}
        </button>
        {state ? (
          <button type="button" className="button-quiet" onClick={() => void scan(state.token, state.name)}>
            {t('team.pair.rescan')}
          </button>
        ) : null}
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {done ? <Notice kind="info" testId="team-paired">{done}</Notice> : null}
      {state ? (
        <>
          <p className="cw-muted team-note">{t('team.pair.folder', { name: state.name })}</p>
          {state.found.refused.map((r) => (
            <Notice key={r.file} kind="warning">
              {t('team.pair.refused', { message: r.message })}
            </Notice>
          ))}
          {unpaired.length === 0 && known.length === 0 ? <p>{t('team.pair.noOffers')}</p> : null}
          {unpaired.map((o) => (
            <Offer
              key={o.file}
              token={state.token}
              deviceId={o.deviceId}
              code={o.safetyCode}
              onPaired={(name) => {
                setDone(t('team.pair.paired', { name }));
                void scan(state.token, state.name);
              }}
            />
          ))}
          {known.map((o) => (
            <p key={o.file} className="cw-muted">
              {t('team.pair.device', { id: o.deviceId })} — {t('team.pair.pairedAs', { name: o.pairedAs })}
            </p>
          ))}
        </>
      ) : null}
    </section>
  );
}

function Offer({ token, deviceId, code, onPaired }: { token: string; deviceId: string; code: string; onPaired: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [compared, setCompared] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const p = await call('team.confirmPair', { folder: token, code, name: name.trim() });
      onPaired(p.name);
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(errorText(t, err));
    }
  }
  return (
    <form className="team-offer" data-testid="team-offer" data-device={deviceId} onSubmit={(e) => void confirm(e)}>
      <p>
        <strong>{t('team.pair.device', { id: deviceId })}</strong>
      </p>
      <p className="cw-muted">{t('team.pair.compare')}</p>
      <SafetyCode code={code} testId="team-offer-code" />
      <label className="team-check">
        <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} />
        {t('team.pair.compared')}
      </label>
      <div className="team-row">
        <label htmlFor={`${id}-name`}>{t('team.pair.name')}</label>
        <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} disabled={!compared} />
        <button type="submit" className="button-primary" disabled={!compared || !name.trim()}>
          {t('team.pair.confirm')}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </form>
  );
}

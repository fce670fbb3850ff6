import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovableKind } from '../../../shared/schemas/record-bin';
import { call, isApiError } from '../api/client';
import { dismissUndo, offerUndo, undoStore, UNDO_SECONDS } from '../state/undo';
import { useStore } from '../state/store';
import { errorText } from './errors';
import './UndoToast.css';

const DELETE_CHANNEL = {
  note: 'notes.delete',
  event: 'events.delete',
  hearing: 'hearings.delete',
  deadline: 'deadlines.delete',
  proceeding: 'proceedings.delete',
} as const satisfies Record<RemovableKind, string>;

/** Removes a record and offers its Undo; returns the failure text, or null when it went. */
export function useRemoveRecord(): (kind: RemovableKind, id: string) => Promise<string | null> {
  const { t } = useTranslation();
  return async (kind, id) => {
    try {
      await call(DELETE_CHANNEL[kind], { id });
      offerUndo(id, t(`casework.undo.removed.${kind}`));
      return null;
    } catch (e) {
      return isApiError(e) ? errorText(t, e) : t('errors.generic');
    }
  };
}

/**
 * "Note removed · Undo", at the bottom of every screen for ten seconds. Undo puts the record back with
 * everything that went with it (`records.restore`); after the toast goes, the record still waits 30 days.
 */
export function UndoToast() {
  const { t } = useTranslation();
  const offer = useStore(undoStore);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setFailure(null);
    if (!offer) return;
    const timer = window.setTimeout(() => dismissUndo(offer.serial), UNDO_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [offer]);
  if (!offer) return null;
  const undo = async () => {
    setBusy(true);
    try {
      await call('records.restore', { id: offer.id });
      dismissUndo(offer.serial);
    } catch (e) {
      setFailure(isApiError(e) ? errorText(t, e) : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span>{failure ?? offer.message}</span>
      {failure ? null : (
        <button type="button" className="button-primary cw-small" onClick={() => void undo()} disabled={busy}>
          {t('casework.undo.action')}
        </button>
      )}
      <button type="button" className="button-quiet cw-small" onClick={() => dismissUndo(offer.serial)} aria-label={t('casework.undo.dismiss')}>
        ×
      </button>
    </div>
  );
}

/** The per-record "Remove" button; the hidden part names the record for a screen reader going down a list. */
export function RemoveButton({ what, onClick, disabled = false }: { what: string; onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-quiet cw-small" onClick={onClick} disabled={disabled} data-testid="remove-record">
      {t('casework.undo.remove')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}

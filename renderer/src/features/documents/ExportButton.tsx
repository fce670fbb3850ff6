import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';

/**
 * "Save a decrypted copy…": first a confirmation that says plainly the copy is not encrypted, then
 * the OS save dialog, then the audited export. Nothing happens if either step is declined.
 */
export function ExportButton({ doc, onExported }: { doc: DocumentInfo; onExported(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (confirming && !d.open) d.showModal();
    if (!confirming && d.open) d.close();
  }, [confirming]);

  async function exportNow() {
    setConfirming(false);
    setBusy(true);
    setResult(null);
    try {
      const { file } = await call('dialog.saveFile', { purpose: 'export-document', defaultName: doc.originalName || doc.title });
      if (!file) return;
      const r = await call('documents.export', { id: doc.id, target: file.token });
      setResult({ kind: 'info', text: t('documents.export.done', { path: r.path }) });
      onExported();
    } catch (e) {
      if (isApiError(e)) setResult({ kind: 'error', text: errorText(t, e) });
    } finally {
      setBusy(false);
      openerRef.current?.focus();
    }
  }

  return (
    <div className="document-export">
      <button ref={openerRef} type="button" className="button-quiet" onClick={() => setConfirming(true)} disabled={busy}>
        {t('documents.export.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="confirm-dialog"
        aria-labelledby="export-title"
        aria-describedby="export-body"
        onClose={() => setConfirming(false)}
        data-testid="export-confirm"
      >
        <h2 id="export-title">{t('documents.export.title')}</h2>
        <p id="export-body" className="confirm-warning">
          {t('documents.export.body')}
        </p>
        <p className="field-hint">{t('documents.export.audit')}</p>
        <div className="actions">
          <button type="button" className="button-quiet" onClick={() => setConfirming(false)} autoFocus>
            {t('documents.export.cancel')}
          </button>
          <button type="button" className="button-primary" onClick={() => void exportNow()}>
            {t('documents.export.confirm')}
          </button>
        </div>
      </dialog>
      {result ? (
        <div className="document-export-result">
          <Notice kind={result.kind} testId="export-result">
            {result.text}
          </Notice>
        </div>
      ) : null}
    </div>
  );
}

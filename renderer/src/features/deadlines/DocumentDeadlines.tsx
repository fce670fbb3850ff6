import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import type { EVENT_TYPES } from '../../../../shared/schemas/event';

type EventType = (typeof EVENT_TYPES)[number];
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { ProposalPanel } from './ProposalPanel';

/** Document types whose receipt or filing starts a procedural period, and the timeline event each one is. */
const TRIGGERS: Partial<Record<DocumentInfo['type'], EventType>> = { decision: 'decision', complaint: 'complaint_filed' };

/**
 * A document that starts a period (a refusal to open a case, a complaint filed): the lawyer puts it on the
 * timeline as its event, in one step, and the deadlines its rules give are proposed right here, as after
 * recording the event by hand. A document already linked to an event shows that event's proposals.
 */
export function DocumentDeadlines({ doc }: { doc: DocumentInfo }) {
  const { t } = useTranslation();
  const [eventId, setEventId] = useState<string | null>(() => doc.links.find((l) => l.type === 'event')?.id ?? null);
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const type = TRIGGERS[doc.type];
  if (hidden) return null;
  if (eventId)
    return (
      <Suspense fallback={null}>
        <ProposalPanel key={eventId} eventId={eventId} onClose={() => setHidden(true)} />
      </Suspense>
    );
  if (!type) return null;
  const record = async () => {
    if (!doc.date) return;
    setBusy(true);
    setFailure(null);
    try {
      const ev = await call('events.create', { caseId: doc.caseId, date: doc.date, type, description: doc.title, documentIds: [doc.id] });
      setEventId(ev.id);
    } catch (err) {
      setFailure(isApiError(err) ? errorText(t, err) : t('errors.INTERNAL'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="doc-deadlines-h" data-testid="document-deadlines">
      <h2 id="doc-deadlines-h">{t('deadlines.document.title')}</h2>
      {doc.date?.precision === 'day' ? (
        <>
          <p className="cw-muted">{t('deadlines.document.intro')}</p>
          {failure ? <Notice kind="error">{failure}</Notice> : null}
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void record()} disabled={busy}>
              {t('deadlines.document.record')}
            </button>
          </div>
        </>
      ) : (
        <p className="cw-muted">{t('deadlines.document.needDate')}</p>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';

/**
 * Hearings and deadlines to a calendar file (.ics) for a phone or another calendar. She picks the cases and the
 * kinds; by default an entry reads "Hearing — case АП-77", without the client's name or the court, because a
 * synced calendar leaves the encrypted vault. The main process asks where to save and writes the file.
 */
export function ExportIcsPanel({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const cases = useQuery('cases.list', { sort: 'title', limit: 10_000 }, (r) => r.items);
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [hearings, setHearings] = useState(true);
  const [deadlines, setDeadlines] = useState(true);
  const [includeNames, setNames] = useState(false);
  const [includeDetails, setDetails] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const all = cases.status === 'ready' ? cases.data : [];
  const chosen = all.filter((c) => !unchecked.has(c.id)).map((c) => c.id);
  // What one entry will say, from the first chosen case, so the choice about names is seen before saving.
  const first = all.find((c) => !unchecked.has(c.id));
  const ref = first ? (includeNames ? first.title : first.internalRef ?? first.courtNumbers[0]?.number ?? null) : null;
  const sample = [t('casework.ics.hearingWord'), ref ? (includeNames ? ref : t('casework.ics.caseRef', { ref })) : null].filter(Boolean).join(' — ');
  const toggle = (id: string, on: boolean) =>
    setUnchecked((s) => {
      const n = new Set(s);
      if (on) n.delete(id);
      else n.add(id);
      return n;
    });

  const save = async () => {
    setMessage(null);
    setBusy(true);
    try {
      const { file } = await call('dialog.saveFile', { purpose: 'export-calendar', defaultName: 'sakta-calendar.ics' });
      if (!file) return;
      const r = await call('calendar.exportIcs', {
        target: file.token,
        caseIds: chosen,
        hearings,
        deadlines,
        includeNames,
        includeDetails,
        lang: i18n.language === 'ru' ? 'ru' : 'en',
      });
      setMessage({ kind: 'info', text: t('casework.ics.done', { hearings: r.hearings, deadlines: r.deadlines, name: file.name }) });
    } catch (e) {
      setMessage({ kind: 'error', text: isApiError(e) ? errorText(t, e) : t('errors.generic') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel cw-ics" aria-labelledby="ics-h" data-testid="ics-export">
      <h2 id="ics-h">{t('casework.ics.title')}</h2>
      <p className="cw-muted">{t('casework.ics.intro')}</p>
      <div className="cw-ics-columns">
        <fieldset>
          <legend>{t('casework.ics.cases')}</legend>
          <div className="cw-ics-cases">
            {all.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={!unchecked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />{' '}
                {c.internalRef ? `${c.title} (${c.internalRef})` : c.title}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('casework.ics.what')}</legend>
          <label className="check">
            <input type="checkbox" checked={hearings} onChange={(e) => setHearings(e.target.checked)} /> {t('casework.agenda.hearings')}
          </label>
          <label className="check">
            <input type="checkbox" checked={deadlines} onChange={(e) => setDeadlines(e.target.checked)} /> {t('casework.ics.openDeadlines')}
          </label>
          <label className="check">
            <input type="checkbox" checked={includeNames} onChange={(e) => setNames(e.target.checked)} /> {t('casework.ics.names')}
          </label>
          <label className="check">
            <input type="checkbox" checked={includeDetails} onChange={(e) => setDetails(e.target.checked)} /> {t('casework.ics.details')}
          </label>
          <p className="cw-muted" data-testid="ics-sample">
            {t('casework.ics.sample')} «{sample}»
          </p>
        </fieldset>
      </div>
      {message ? (
        <Notice kind={message.kind} testId="ics-message">
          {message.text}
        </Notice>
      ) : null}
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void save()} disabled={busy || chosen.length === 0 || (!hearings && !deadlines)}>
          {t('casework.ics.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('casework.ics.close')}
        </button>
      </div>
    </section>
  );
}

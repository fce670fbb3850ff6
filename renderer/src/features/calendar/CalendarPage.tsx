import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddHearingForm } from './AddHearing';
import { ExportIcsPanel } from './ExportIcs';
import type { AgendaDeadline, AgendaHearing } from '../../../../shared/schemas/agenda';
import { formatPartialDate } from '../../../../shared/partial-date';
import { daysInMonth } from '../../../../shared/schemas/partial-date';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../router/router';
import { createStore, useQuery, useStore } from '../../state/store';
import '../../styles/casework.css';
import './calendar.css';
import { localToday, showDay } from '../../lib/format';

const pad = (n: number) => String(n).padStart(2, '0');
const viewStore = createStore<{ year: number; month: number; mode: 'month' | 'agenda' }>({
  year: Number(localToday().slice(0, 4)),
  month: Number(localToday().slice(5, 7)),
  mode: 'month',
});

type Item = { kind: 'hearing'; h: AgendaHearing } | { kind: 'deadline'; d: AgendaDeadline };

/** Hearings and deadlines of every case, by month or as a running list. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const v = useStore(viewStore);
  const from = `${v.year}-${pad(v.month)}-01`;
  const to = `${v.year}-${pad(v.month)}-${pad(daysInMonth(v.year, v.month))}`;
  const q = useQuery('calendar.range', { from, to, includeDone: true });
  const today = localToday();
  // The day a new hearing is being added on, with its form open above the month.
  const [adding, setAdding] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const shift = (d: number) =>
    viewStore.set((p) => {
      const m = p.month + d;
      return { ...p, year: p.year + Math.floor((m - 1) / 12), month: ((m - 1 + 12) % 12) + 1 };
    });
  const monthLabel = formatPartialDate({ precision: 'month', year: v.year, month: v.month }, lng);

  const byDay = new Map<string, Item[]>();
  if (q.status === 'ready') {
    for (const h of q.data.hearings) byDay.set(h.date, [...(byDay.get(h.date) ?? []), { kind: 'hearing', h }]);
    for (const d of q.data.deadlines) byDay.set(d.dueOn, [...(byDay.get(d.dueOn) ?? []), { kind: 'deadline', d }]);
  }
  // Weeks start on Monday, as in Central Asia and Russia.
  const lead = (new Date(Date.UTC(v.year, v.month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= daysInMonth(v.year, v.month); d++) cells.push(`${v.year}-${pad(v.month)}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  const weekdays = [...Array(7).keys()].map((i) =>
    new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ru-RU', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );

  // The list has room for what a lawyer needs to get to the hearing: the court, the room and why.
  const renderItem = (it: Item, detailed = false) =>
    it.kind === 'hearing' ? (
      <button
        key={it.h.id}
        type="button"
        title={it.h.status === 'cancelled' ? `${it.h.caseTitle} — ${t('casework.hearingStatus.cancelled')}` : it.h.caseTitle}
        className={`cw-cal-item cw-cal-hearing${it.h.status === 'cancelled' ? ' is-cancelled' : ''}`}
        data-status={it.h.status}
        onClick={() => navigate('case', { caseId: it.h.caseId, tab: 'agenda' })}
      >
        <span className="cw-cal-kind">{t('casework.calendar.hearing')}</span> {it.h.time ? `${it.h.time} ` : ''}
        {it.h.caseTitle}
        {detailed && it.h.status === 'cancelled' ? ` — ${t('casework.hearingStatus.cancelled')}` : ''}
        {detailed && (it.h.body || it.h.room || it.h.purpose) ? (
          <span className="cw-cal-detail" data-testid="calendar-hearing-detail">
            {[it.h.body, it.h.room ? `${t('casework.agenda.room')}: ${it.h.room}` : null, it.h.purpose].filter(Boolean).join(' · ')}
          </span>
        ) : null}
      </button>
    ) : (
      <button
        key={it.d.id}
        type="button"
        title={`${it.d.what} — ${it.d.caseTitle}`}
        className={`cw-cal-item cw-cal-deadline${it.d.done ? ' is-done' : !it.d.done && it.d.dueOn < today ? ' is-overdue' : ''}`}
        onClick={() => navigate('case', { caseId: it.d.caseId, tab: 'agenda' })}
      >
        <span className="cw-cal-kind">{t('casework.calendar.deadline')}</span> {it.d.what} — {it.d.caseTitle}
      </button>
    );

  return (
    <>
      <PageHeader title={t('calendar.title')} />
      <div className="cw-cal-bar">
        <button type="button" className="button-quiet" onClick={() => shift(-1)} aria-label={t('casework.calendar.prev')}>
          ‹
        </button>
        <h2 className="cw-cal-month" aria-live="polite">
          {monthLabel}
        </h2>
        <button type="button" className="button-quiet" onClick={() => shift(1)} aria-label={t('casework.calendar.next')}>
          ›
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => viewStore.set((p) => ({ ...p, year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }))}
        >
          {t('casework.calendar.today')}
        </button>
        <button type="button" className="button-primary" onClick={() => setAdding(today >= from && today <= to ? today : from)} disabled={adding !== null}>
          {t('casework.agenda.addHearing')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setExporting(true)} disabled={exporting}>
          {t('casework.ics.open')}
        </button>
        <div className="cw-seg" role="group" aria-label={t('casework.calendar.views')}>
          {(['month', 'agenda'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={v.mode === m} className="cw-seg-button" onClick={() => viewStore.set((p) => ({ ...p, mode: m }))}>
              {t(`casework.calendar.${m}`)}
            </button>
          ))}
        </div>
      </div>
      {q.status === 'error' ? <Notice kind="error">{errorText(t, q.error)}</Notice> : null}
      {exporting ? <ExportIcsPanel onClose={() => setExporting(false)} /> : null}
      {adding ? <AddHearingForm key={adding} day={adding} onDone={() => setAdding(null)} /> : null}
      {v.mode === 'month' ? (
        <div className="cw-cal-grid" role="grid" aria-label={monthLabel} data-testid="calendar-month">
          <div className="cw-cal-row" role="row">
            {weekdays.map((w) => (
              <div key={w} role="columnheader" className="cw-cal-wd">
                {w}
              </div>
            ))}
          </div>
          {[...Array(cells.length / 7).keys()].map((r) => (
            <div className="cw-cal-row" role="row" key={r}>
              {cells.slice(r * 7, r * 7 + 7).map((day, i) => (
                <div key={day ?? `x${r}-${i}`} role="gridcell" className={`cw-cal-cell${day === today ? ' is-today' : ''}${day ? '' : ' is-blank'}`}>
                  {day ? (
                    <span className="cw-cal-dayhead">
                      <span className="cw-cal-daynum">{Number(day.slice(8))}</span>
                      <button
                        type="button"
                        className="cw-cal-add"
                        onClick={() => setAdding(day)}
                        disabled={adding !== null}
                        aria-label={t('casework.calendar.addOn', { date: showDay(day, lng) })}
                        title={t('casework.calendar.addOn', { date: showDay(day, lng) })}
                      >
                        +
                      </button>
                    </span>
                  ) : null}
                  {day ? (byDay.get(day) ?? []).map((it) => renderItem(it)) : null}
                </div>
              ))}
            </div>
          ))}
        </div>
      ) : (
        <div className="cw-cal-agenda" data-testid="calendar-agenda">
          {byDay.size === 0 ? <p className="cw-muted">{t('casework.calendar.nothing')}</p> : null}
          {[...byDay.keys()].sort().map((day) => (
            <section key={day} className="cw-cal-agenda-day">
              <h3 className={day === today ? 'is-today' : undefined}>{showDay(day, lng)}</h3>
              {(byDay.get(day) ?? []).map((it) => renderItem(it, true))}
            </section>
          ))}
        </div>
      )}
    </>
  );
}

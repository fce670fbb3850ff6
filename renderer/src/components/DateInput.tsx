/**
 * The one date input: a text field the lawyer types into ("20.02.2024", "март 2025", "лето 2014"),
 * with a calendar button beside it for picking a day. The calendar writes the day in the UI's own
 * display form, which the shared reader parses back, so typing and picking end in the same value.
 * Works uncontrolled with react-hook-form (`{...register('date')}` plus `onPick` → setValue) or
 * controlled (`value` + `onChange`).
 */
import { useEffect, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatPartialDate, localDayOf, parsePartialDate, partialDateBounds, readExactDay } from '../../../shared/partial-date';
import { daysInMonth } from '../../../shared/schemas/partial-date';
import './DateInput.css';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  ref?: Ref<HTMLInputElement>;
  /** Called with the display text of the day picked in the calendar. */
  onPick(text: string): void;
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function shiftMonth(iso: string, months: number): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  if (ny < 1800 || ny > 2200) return iso;
  return isoOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function DateInput({ ref, onPick, className, ...input }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const own = useRef<HTMLInputElement | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [focusDay, setFocusDay] = useState(() => localDayOf(new Date()));

  const setRefs = (el: HTMLInputElement | null) => {
    own.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  // Close on a click anywhere else.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // Keep the keyboard on the focused day while the calendar is open.
  useEffect(() => {
    if (open) wrap.current?.querySelector<HTMLButtonElement>(`[data-day="${focusDay}"]`)?.focus({ preventScroll: true });
  }, [open, focusDay]);

  // A calendar opened near the bottom of the window scrolls into view rather than hanging off-screen.
  useEffect(() => {
    if (open) wrap.current?.querySelector('.date-popup')?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    // Open on the date already typed, or today.
    const typed = parsePartialDate(own.current?.value ?? '');
    setFocusDay(typed ? partialDateBounds(typed).earliest : localDayOf(new Date()));
    setOpen(true);
  }

  function pick(iso: string) {
    onPick(formatDay(iso, lng));
    setOpen(false);
    own.current?.focus();
  }

  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => shiftDay(focusDay, -1),
      ArrowRight: () => shiftDay(focusDay, 1),
      ArrowUp: () => shiftDay(focusDay, -7),
      ArrowDown: () => shiftDay(focusDay, 7),
      PageUp: () => shiftMonth(focusDay, e.shiftKey ? -12 : -1),
      PageDown: () => shiftMonth(focusDay, e.shiftKey ? 12 : 1),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocusDay(move());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      own.current?.focus();
    }
  }

  const y = Number(focusDay.slice(0, 4));
  const m = Number(focusDay.slice(5, 7));
  const today = localDayOf(new Date());
  const typed = open ? parsePartialDate(own.current?.value ?? '') : null;
  const chosen = typed?.precision === 'day' ? typed.date : null;
  // Weeks start on Monday, as in Kyrgyzstan, Russia and the UK.
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: daysInMonth(y, m) }, (_, i) => isoOf(y, m, i + 1))];
  while (cells.length % 7) cells.push(null);
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ru-RU', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );

  return (
    <div className={`date-input${className ? ` ${className}` : ''}`} ref={wrap}>
      <input {...input} ref={setRefs} type="text" autoComplete="off" />
      <button type="button" className="date-input-open" aria-label={t('dates.picker.open')} title={t('dates.picker.open')} aria-expanded={open} onClick={toggle}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" fill="none" />
        </svg>
      </button>
      {open ? (
        <div className="date-popup" role="dialog" aria-label={t('dates.picker.label')} onKeyDown={onGridKey} data-testid="date-popup">
          <div className="date-popup-head">
            <button type="button" className="button-quiet" aria-label={t('dates.picker.prevYear')} onClick={() => setFocusDay(shiftMonth(focusDay, -12))}>
              «
            </button>
            <button type="button" className="button-quiet" aria-label={t('dates.picker.prevMonth')} onClick={() => setFocusDay(shiftMonth(focusDay, -1))}>
              ‹
            </button>
            <span className="date-popup-month" aria-live="polite">
              {formatPartialDate({ precision: 'month', year: y, month: m }, lng)}
            </span>
            <button type="button" className="button-quiet" aria-label={t('dates.picker.nextMonth')} onClick={() => setFocusDay(shiftMonth(focusDay, 1))}>
              ›
            </button>
            <button type="button" className="button-quiet" aria-label={t('dates.picker.nextYear')} onClick={() => setFocusDay(shiftMonth(focusDay, 12))}>
              »
            </button>
          </div>
          <div className="date-grid" role="grid">
            <div role="row" className="date-row">
              {weekdays.map((w) => (
                <span key={w} role="columnheader" className="date-weekday">
                  {w}
                </span>
              ))}
            </div>
            {Array.from({ length: cells.length / 7 }, (_, r) => (
              <div role="row" className="date-row" key={r}>
                {cells.slice(r * 7, r * 7 + 7).map((iso, i) =>
                  iso ? (
                    <span role="gridcell" key={iso} aria-selected={iso === chosen}>
                      <button
                        type="button"
                        data-day={iso}
                        tabIndex={iso === focusDay ? 0 : -1}
                        className={`date-day${iso === today ? ' is-today' : ''}${iso === chosen ? ' is-chosen' : ''}`}
                        aria-label={formatDay(iso, lng)}
                        aria-current={iso === today ? 'date' : undefined}
                        onClick={() => pick(iso)}
                      >
                        {Number(iso.slice(8))}
                      </button>
                    </span>
                  ) : (
                    <span role="gridcell" key={`e${i}`} />
                  ),
                )}
              </div>
            ))}
          </div>
          <div className="date-popup-foot">
            <button type="button" className="button-quiet cw-small" onClick={() => pick(today)}>
              {t('dates.picker.today')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A day field bound to a stored YYYY-MM-DD (or null): the lawyer types or picks, the parent gets the
 * day once the text reads as one, and an error below the field while it does not.
 */
export function DayInput({ id, value, onChange, className }: { id: string; value: string | null; onChange(day: string | null): void; className?: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => (value ? formatDay(value, i18n.language) : ''));
  const [error, setError] = useState<string | null>(null);
  // A value set from outside (a saved definition loaded) replaces the text; one the text already means does not.
  useEffect(() => {
    const r = readExactDay(text);
    const current = text.trim() === '' ? null : r.ok ? r.day : undefined;
    if (current !== undefined && current !== value) {
      setText(value ? formatDay(value, i18n.language) : '');
      setError(null);
    }
    // Only a new value from outside should rewrite the text, so `text` is deliberately not a dependency.
  }, [value]);
  const commit = (s: string) => {
    setText(s);
    if (!s.trim()) {
      setError(null);
      onChange(null);
      return;
    }
    const r = readExactDay(s);
    setError(r.ok ? null : `dates.errors.${r.error}`);
    if (r.ok) onChange(r.day);
  };
  return (
    <>
      <DateInput
        id={id}
        className={className}
        value={text}
        onChange={(e) => commit(e.target.value)}
        onPick={commit}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {t(error)}
        </span>
      ) : null}
    </>
  );
}

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { QuickSwitchItem } from '../../../../shared/schemas/case-overview';
import { call } from '../../api/client';
import { navigate } from '../../router/router';
import './quick-switch.css';

/** "Search everywhere" closes the list, so Enter always goes somewhere. */
type Choice = QuickSwitchItem | { kind: 'search'; id: 'search' };

/** Where each kind of answer opens: the record itself, or the tab of its case that shows it. */
function open(item: Choice, query: string): void {
  switch (item.kind) {
    case 'case':
      return navigate('case', { caseId: item.id, tab: 'overview' });
    case 'person':
      return navigate('person', { personId: item.id });
    case 'document':
      return navigate('document', { id: item.id });
    case 'proceeding':
      return navigate('case', { caseId: item.caseId ?? '', tab: 'proceedings' });
    case 'note':
      return navigate('case', { caseId: item.caseId ?? '', tab: 'notes' });
    case 'search':
      return navigate('search', { q: query });
  }
}

/**
 * Ctrl/Cmd+K: a dialog that finds cases (also by court number), people, documents, proceedings and
 * notes, and jumps there. Enter always answers: the highlighted result, the first one once the
 * results arrive, or a full search. Rendered on <body>, so the backdrop dims the whole window
 * whatever the page's layout.
 */
export function QuickSwitcher() {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  // The query the items answer; Enter pressed before they arrive waits for them.
  const [answered, setAnswered] = useState<{ query: string; items: QuickSwitchItem[] }>({ query: '', items: [] });
  const [active, setActive] = useState(0);
  const [enterPending, setEnterPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        returnFocus.current = document.activeElement;
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (isOpen) input.current?.focus();
  }, [isOpen]);

  const q = query.trim();
  useEffect(() => {
    if (!isOpen || !q) return;
    let stale = false;
    call('cases.quickSwitch', { query: q, limit: 20 })
      .then((r) => {
        if (stale) return;
        setAnswered({ query: q, items: r.items });
        setActive(0);
      })
      .catch(() => {
        if (!stale) setAnswered({ query: q, items: [] });
      });
    return () => {
      stale = true;
    };
  }, [q, isOpen]);

  const ready = answered.query === q;
  const choices: Choice[] = q && ready ? [...answered.items, { kind: 'search', id: 'search' }] : [];

  /** Closes; focus goes back where it was only when the lawyer cancels, never onto a button that would take the Enter. */
  function close(restoreFocus: boolean) {
    setOpen(false);
    setQuery('');
    setAnswered({ query: '', items: [] });
    setEnterPending(false);
    if (restoreFocus && returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    returnFocus.current = null;
  }

  function go(item: Choice) {
    close(false);
    open(item, q);
    // The new page's heading takes the focus, so the keyboard carries on from there.
    requestAnimationFrame(() => {
      const h = document.querySelector<HTMLElement>('main h1');
      if (h) {
        h.tabIndex = -1;
        h.focus({ preventScroll: true });
      }
    });
  }

  // An Enter pressed while the answer was on its way.
  useEffect(() => {
    if (enterPending && ready && choices[0]) go(choices[0]);
  }, [enterPending, ready]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, choices.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      // Never let the Enter reach whatever had the focus before (a sidebar button would navigate away).
      e.preventDefault();
      e.stopPropagation();
      if (!q) return;
      const it = ready ? choices[active] : undefined;
      if (it) go(it);
      else setEnterPending(true);
    }
  }

  if (!isOpen) return null;
  const optionId = (it: Choice) => `cw-quick-${it.kind}-${it.id}`;
  return createPortal(
    <div className="cw-quick-backdrop" onMouseDown={() => close(true)} data-testid="quick-backdrop">
      <div className="cw-quick" role="dialog" aria-modal="true" aria-label={t('casework.quick.label')} onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={choices.length > 0}
          aria-controls="cw-quick-list"
          aria-activedescendant={choices[active] ? optionId(choices[active]) : undefined}
          aria-label={t('casework.quick.label')}
          placeholder={t('casework.quick.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <ul id="cw-quick-list" role="listbox" className="cw-quick-list">
          {choices.map((it, i) => (
            <li
              key={`${it.kind}:${it.id}`}
              id={optionId(it)}
              role="option"
              aria-selected={i === active}
              data-kind={it.kind}
              className={`${i === active ? 'is-active' : ''}${it.kind === 'search' ? ' cw-quick-search' : ''}`}
              onMouseDown={() => go(it)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="cw-quick-kind">{t(`casework.quick.${it.kind}`)}</span>
              {it.kind === 'search' ? (
                <span className="cw-quick-title">{t('casework.quick.searchAll', { query: q })}</span>
              ) : (
                <span className="cw-quick-text">
                  <span className="cw-quick-title">{it.title}</span>
                  {it.match ? <span className="cw-quick-match">{it.match}</span> : null}
                  {it.subtitle ? <span className="cw-muted cw-quick-sub">{it.subtitle}</span> : null}
                </span>
              )}
            </li>
          ))}
        </ul>
        {q && ready && answered.items.length === 0 ? <p className="cw-muted cw-quick-none">{t('casework.quick.none')}</p> : null}
      </div>
    </div>,
    document.body,
  );
}

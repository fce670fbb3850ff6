import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickSwitchItem } from '../../../../shared/schemas/case-overview';
import { call } from '../../api/client';
import { navigate } from '../../router/router';

/**
 * Ctrl/Cmd+K: a dialog that finds cases and people by name and jumps there. Mounted by each
 * case-work page; only one is ever mounted at a time because only one page is shown.
 */
export function QuickSwitcher() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<QuickSwitchItem[]>([]);
  const [active, setActive] = useState(0);
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
    if (open) input.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const q = query.trim();
    if (!q) {
      setItems([]);
      return;
    }
    let stale = false;
    call('cases.quickSwitch', { query: q, limit: 20 })
      .then((r) => {
        if (!stale) {
          setItems(r.items);
          setActive(0);
        }
      })
      .catch(() => {
        if (!stale) setItems([]);
      });
    return () => {
      stale = true;
    };
  }, [query, open]);

  function close() {
    setOpen(false);
    setQuery('');
    setItems([]);
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  }

  function go(item: QuickSwitchItem) {
    close();
    if (item.kind === 'case') navigate('case', { caseId: item.id, tab: 'overview' });
    else navigate('person', { personId: item.id });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const it = items[active];
      if (it) go(it);
    }
  }

  if (!open) return null;
  return (
    <div className="cw-quick-backdrop" onMouseDown={close}>
      <div className="cw-quick" role="dialog" aria-modal="true" aria-label={t('casework.quick.label')} onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls="cw-quick-list"
          aria-activedescendant={items[active] ? `cw-quick-${items[active].id}` : undefined}
          aria-label={t('casework.quick.label')}
          placeholder={t('casework.quick.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <ul id="cw-quick-list" role="listbox" className="cw-quick-list">
          {items.map((it, i) => (
            <li
              key={`${it.kind}:${it.id}`}
              id={`cw-quick-${it.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={() => go(it)}
            >
              <span className="cw-quick-kind">{t(`casework.quick.${it.kind}`)}</span>
              <span className="cw-quick-title">{it.title}</span>
              {it.subtitle ? <span className="cw-muted">{it.subtitle}</span> : null}
            </li>
          ))}
        </ul>
        {query.trim() && items.length === 0 ? <p className="cw-muted cw-quick-none">{t('casework.quick.none')}</p> : null}
      </div>
    </div>
  );
}

import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../shared/schemas/bundle';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { formatPartialDate } from '../../../../shared/partial-date';
import { currentLanguage } from '../../i18n';
import {
  addSection,
  displayOrder,
  moveItem,
  moveItemToSection,
  moveSection,
  removeDocument,
  removeSection,
  renameSection,
  sectionLetter,
  setAgreement,
  setSectionOrder,
  setSectionUseRedacted,
  type DatedDoc,
  type Definition,
} from './definition-edit';
import { EnumSelect } from '../../components/EnumSelect';

interface Props {
  def: Definition;
  onChange(def: Definition): void;
  docs: ReadonlyMap<string, DocumentInfo>;
  dated: ReadonlyMap<string, DatedDoc>;
  errors: Record<string, string>;
}

const AGREEMENTS: readonly Agreement[] = ['unmarked', 'agreed', 'not-agreed'];
const DRAG_TYPE = 'application/x-sakta-bundle-item';

/** The bundle's sections in order, each with its documents: rename, reorder, drag, mark agreed. */
export function SectionList({ def, onChange, docs, dated, errors }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  // React may re-insert the moved row, which drops focus; keyboard users keep their place on the arrow.
  const [refocus, setRefocus] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!refocus) return;
    const buttons = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>(`[data-move^="${CSS.escape(refocus.split('|')[0]!)}|"]`) ?? [])];
    const target = buttons.find((b) => b.dataset.move === refocus && !b.disabled) ?? buttons.find((b) => !b.disabled);
    target?.focus();
    setRefocus(null);
  }, [refocus]);
  const moveAndKeepFocus = (next: Definition, key: string) => {
    onChange(next);
    setRefocus(key);
  };

  const onDrop = (e: DragEvent, section: number, index: number | null, shown: string[]) => {
    e.preventDefault();
    setDropTarget(null);
    const id = e.dataTransfer.getData(DRAG_TYPE);
    if (!id) return;
    const from = shown.indexOf(id);
    if (from >= 0 && index !== null) onChange(moveItem(def, section, from, Math.min(index, shown.length - 1), shown));
    else if (from < 0) {
      const moved = moveItemToSection(def, id, section);
      const items = moved.sections[section]?.items.map((it) => it.documentId) ?? [];
      onChange(index === null ? moved : moveItem(moved, section, items.length - 1, Math.min(index, items.length - 1), items));
    }
  };

  return (
    <div className="bundle-sections" ref={rootRef}>
      {def.sections.map((s, si) => {
        const letter = sectionLetter(si);
        const shown = displayOrder(s, dated);
        const titleError = errors[`sections.${si}.title`];
        return (
          <section
            key={s.key}
            className="bundle-section"
            data-testid={`bundle-section-${letter}`}
            aria-labelledby={`bundle-section-${s.key}-label`}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
            }}
            onDrop={(e) => onDrop(e, si, null, shown)}
          >
            <div className="bundle-section-head">
              <span className="bundle-letter" id={`bundle-section-${s.key}-label`} aria-label={t('bundles.section.label', { letter })}>
                {letter}
              </span>
              <div className="bundle-section-title">
                <input
                  className={titleError ? 'invalid' : undefined}
                  aria-label={t('bundles.section.title', { letter })}
                  aria-invalid={titleError ? true : undefined}
                  value={s.title}
                  maxLength={200}
                  onChange={(e) => onChange(renameSection(def, si, e.target.value))}
                />
                {titleError ? <span className="field-error">{titleError}</span> : null}
              </div>
              <label className="bundle-order">
                <span className="visually-hidden">{t('bundles.section.order')}</span>
                <select value={s.order} onChange={(e) => onChange(setSectionOrder(def, si, e.target.value === 'date' ? 'date' : 'manual'))}>
                  <option value="manual">{t('bundles.section.orderManual')}</option>
                  <option value="date">{t('bundles.section.orderDate')}</option>
                </select>
              </label>
              <label className="bundle-use-redacted">
                <input type="checkbox" checked={s.useRedacted === true} onChange={(e) => onChange(setSectionUseRedacted(def, si, e.target.checked))} />
                {t('bundles.section.useRedacted')}
              </label>
              <div className="bundle-icon-buttons">
                <button
                  type="button"
                  className="button-quiet"
                  data-move={`section:${s.key}|up`}
                  disabled={si === 0}
                  onClick={() => moveAndKeepFocus(moveSection(def, si, si - 1), `section:${s.key}|up`)}
                  aria-label={t('bundles.section.up', { letter })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button-quiet"
                  data-move={`section:${s.key}|down`}
                  disabled={si === def.sections.length - 1}
                  onClick={() => moveAndKeepFocus(moveSection(def, si, si + 1), `section:${s.key}|down`)}
                  aria-label={t('bundles.section.down', { letter })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button-quiet"
                  disabled={def.sections.length === 1}
                  onClick={() => onChange(removeSection(def, si))}
                  aria-label={t('bundles.section.remove', { letter })}
                >
                  ✕
                </button>
              </div>
            </div>
            {shown.length === 0 ? (
              <p className="bundle-section-empty">{t('bundles.section.empty')}</p>
            ) : (
              <ol className="bundle-items">
                {shown.map((id, ii) => {
                  const doc = docs.get(id);
                  const item = s.items.find((it) => it.documentId === id);
                  const title = doc?.title ?? t('bundles.missingDocument');
                  const original = doc?.translationOf ? docs.get(doc.translationOf) : undefined;
                  const key = `${s.key}:${id}`;
                  return (
                    <li
                      key={id}
                      className={`bundle-item${dropTarget === key ? ' drop-target' : ''}`}
                      data-testid="bundle-item"
                      draggable
                      onDragStart={(e) => {
                        e.dataTransfer.setData(DRAG_TYPE, id);
                        e.dataTransfer.effectAllowed = 'move';
                      }}
                      onDragOver={(e) => {
                        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                        e.preventDefault();
                        setDropTarget(key);
                      }}
                      onDragLeave={() => setDropTarget((k) => (k === key ? null : k))}
                      onDrop={(e) => {
                        e.stopPropagation();
                        onDrop(e, si, ii, shown);
                      }}
                    >
                      <span className="bundle-grip" aria-hidden="true">
                        ⋮⋮
                      </span>
                      <span className="bundle-tab">{`${letter}${ii + 1}`}</span>
                      <span className="bundle-item-main">
                        <span className="bundle-item-title">{title}</span>
                        <span className="bundle-item-meta">
                          {doc?.date ? formatPartialDate(doc.date, lng) : t('bundles.undated')}
                          {original ? ` · ${t('bundles.translationOf', { title: original.title })}` : ''}
                        </span>
                      </span>
                      <label className="bundle-agreement">
                        <span className="visually-hidden">{t('bundles.agreement.label', { title })}</span>
                        <EnumSelect
                          value={item?.agreement ?? 'unmarked'}
                          data-agreement={item?.agreement ?? 'unmarked'}
                          onChange={(e) => onChange(setAgreement(def, id, e.target.value as Agreement))}
                          values={AGREEMENTS}
                          labels="bundles.agreement"
                        />
                      </label>
                      <div className="bundle-icon-buttons">
                        <button
                          type="button"
                          className="button-quiet"
                          data-move={`item:${id}|up`}
                          disabled={ii === 0}
                          onClick={() => moveAndKeepFocus(moveItem(def, si, ii, ii - 1, shown), `item:${id}|up`)}
                          aria-label={t('bundles.item.up', { title })}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="button-quiet"
                          data-move={`item:${id}|down`}
                          disabled={ii === shown.length - 1}
                          onClick={() => moveAndKeepFocus(moveItem(def, si, ii, ii + 1, shown), `item:${id}|down`)}
                          aria-label={t('bundles.item.down', { title })}
                        >
                          ↓
                        </button>
                        <button type="button" className="button-quiet" onClick={() => onChange(removeDocument(def, id))} aria-label={t('bundles.item.remove', { title })}>
                          ✕
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}
      {errors.sections ? <p className="field-error">{errors.sections}</p> : null}
      <form
        className="bundle-add-section"
        onSubmit={(e) => {
          e.preventDefault();
          const title = newTitle.trim();
          if (!title || def.sections.length >= 26) return;
          onChange(addSection(def, title));
          setNewTitle('');
        }}
      >
        <input aria-label={t('bundles.section.newTitle')} placeholder={t('bundles.section.newTitle')} value={newTitle} maxLength={200} onChange={(e) => setNewTitle(e.target.value)} />
        <button type="submit" className="button-quiet" disabled={!newTitle.trim() || def.sections.length >= 26}>
          {t('bundles.section.add')}
        </button>
      </form>
    </div>
  );
}

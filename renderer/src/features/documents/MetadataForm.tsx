import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatPartialDate, parsePartialDate, readDate } from '../../../../shared/partial-date';
import { EnumSelect } from '../../components/EnumSelect';
import { DateInput } from '../../components/DateInput';
import { fieldMessage } from '../../components/form-kit';
import {
  DOCUMENT_TYPES,
  DocumentPatchSchema,
  DocumentTypeSchema,
  TagSchema,
  type DocumentInfo,
  type DocumentLink,
  type DocumentPatch,
} from '../../../../shared/schemas/document';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { LanguageSelect } from './intake';

const S = DocumentPatchSchema.shape;
const splitTags = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The form's text fields, checked with the very schemas the IPC applies to the patch (title, language,
 * exhibit number, tags), so a mistake shows beside its field before anything is sent. The date is
 * checked after the "unchanged" test: the text the form opened with (`shownDate`) is always valid, so
 * a document with a date can be saved again however the date was displayed.
 */
const formSchema = (shownDate: string) =>
  z.object({
    title: S.title.unwrap(),
    type: DocumentTypeSchema,
    date: z.string().superRefine((raw, ctx) => {
      const s = raw.trim();
      if (s === '' || s === shownDate) return;
      const r = readDate(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `dates.errors.${r.error}` });
    }),
    language: z.string().refine((s) => s.trim() === '' || S.language.safeParse(s.trim()).success, 'Use a language code such as ru, ky, uz, en'),
    exhibitNo: z.string().trim().max(40, 'Exhibit number is too long'),
    tags: z.string().superRefine((s, ctx) => {
      const tags = splitTags(s);
      for (const tag of tags) {
        const r = TagSchema.safeParse(tag);
        if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'Invalid tag' });
      }
      if (tags.length > 50) ctx.addIssue({ code: 'custom', message: 'At most 50 tags' });
    }),
    translationOf: z.string(),
    links: z.array(z.string()),
  });
type FormValues = z.infer<ReturnType<typeof formSchema>>;
type FieldName = keyof FormValues;

const linkKey = (l: DocumentLink) => `${l.type}:${l.id}`;

export function MetadataForm({ doc, onSaved, onCancel }: { doc: DocumentInfo; onSaved(d: DocumentInfo): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [failure, setFailure] = useState<string | null>(null);
  const siblings = useQuery('documents.list', { caseId: doc.caseId, trash: false }, (r) => r.documents);
  const overview = useQuery('cases.overview', { id: doc.caseId });
  const events = useQuery('events.list', { caseId: doc.caseId }, (r) => r.items);

  // The date as the form opened with it; re-saving that text keeps the stored date as it is.
  const [shown] = useState(() => (doc.date ? formatPartialDate(doc.date, lng) : ''));
  const resolver = useMemo(() => zodResolver(formSchema(shown)), [shown]);
  const form = useForm<FormValues>({
    resolver,
    defaultValues: {
      title: doc.title,
      type: doc.type,
      date: shown,
      language: doc.language ?? '',
      exhibitNo: doc.exhibitNo ?? '',
      tags: doc.tags.join(', '),
      translationOf: doc.translationOf ?? '',
      links: doc.links.map(linkKey),
    },
  });
  const { register, handleSubmit, formState, setError, setValue } = form;
  const err = (f: FieldName) => {
    const m = formState.errors[f]?.message;
    if (!m) return null;
    return (
      <span className="field-error" id={`doc-${f}-error`} role="alert">
        {fieldMessage(t, (k) => i18n.exists(k), m)}
      </span>
    );
  };
  const aria = (f: FieldName) => ({ 'aria-invalid': formState.errors[f] ? true : undefined, 'aria-describedby': formState.errors[f] ? `doc-${f}-error` : undefined });

  async function submit(v: FormValues) {
    setFailure(null);
    const dateText = v.date.trim();
    // Re-saving the shown form of an unchanged date must not rewrite it.
    const patch: DocumentPatch = {
      title: v.title.trim(),
      type: v.type,
      date: dateText === shown ? doc.date : dateText ? parsePartialDate(dateText) : null,
      language: v.language.trim() || null,
      exhibitNo: v.exhibitNo.trim() || null,
      tags: splitTags(v.tags),
      translationOf: v.translationOf || null,
      links: [...v.links, ...hiddenLinks].map((k) => {
        const [type, ...rest] = k.split(':');
        return { type: type as DocumentLink['type'], id: rest.join(':') };
      }),
    };
    try {
      onSaved(await call('documents.update', { id: doc.id, patch }));
    } catch (e) {
      if (!isApiError(e)) return;
      const known: FieldName[] = ['title', 'type', 'date', 'language', 'exhibitNo', 'tags', 'translationOf', 'links'];
      let mapped = false;
      for (const [path, message] of Object.entries(e.fields ?? {})) {
        const top = path.replace(/^patch\./, '').split('.')[0] as FieldName;
        if (known.includes(top)) {
          setError(top, { message });
          mapped = true;
        }
      }
      if (!mapped) setFailure(errorText(t, e));
    }
  }

  const others = siblings.status === 'ready' ? siblings.data.filter((d) => d.id !== doc.id) : [];
  const linkOptions: { group: string; items: { key: string; label: string }[] }[] = [
    {
      group: t('documents.form.events'),
      items: events.status === 'ready' ? events.data.map((e) => ({ key: `event:${e.id}`, label: `${formatPartialDate(e.date, lng)} — ${e.description}` })) : [],
    },
    {
      group: t('documents.form.persons'),
      items: overview.status === 'ready' ? overview.data.parties.map((p) => ({ key: `person:${p.person.id}`, label: p.person.name })) : [],
    },
    {
      group: t('documents.form.proceedings'),
      items:
        overview.status === 'ready'
          ? overview.data.proceedings.map((p) => ({ key: `proceeding:${p.id}`, label: [p.body, p.reference].filter(Boolean).join(' · ') || p.type }))
          : [],
    },
  ];
  // Keep links the list cannot show (e.g. a person no longer a party) rather than silently dropping them.
  const shownKeys = new Set(linkOptions.flatMap((g) => g.items.map((i) => i.key)));
  const hiddenLinks = doc.links.map(linkKey).filter((k) => !shownKeys.has(k));

  return (
    <form className="document-form" onSubmit={(e) => void handleSubmit(submit)(e)} noValidate data-testid="document-form">
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="field">
        <label htmlFor="doc-title">{t('documents.form.title')}</label>
        <input id="doc-title" type="text" {...register('title')} {...aria('title')} />
        {err('title')}
      </div>
      <div className="field">
        <label htmlFor="doc-type">{t('documents.form.type')}</label>
        <EnumSelect id="doc-type" {...register('type')} values={DOCUMENT_TYPES} labels="documents.types" />
      </div>
      <div className="field">
        <label htmlFor="doc-date">{t('documents.form.date')}</label>
        <DateInput id="doc-date" {...register('date')} onPick={(s) => setValue('date', s, { shouldValidate: true, shouldDirty: true })} {...aria('date')} />
        <span className="field-hint">{t('documents.form.dateHint')}</span>
        {err('date')}
      </div>
      <div className="document-form-row">
        <div className="field">
          <label htmlFor="doc-language">{t('documents.form.language')}</label>
          <LanguageSelect id="doc-language" current={doc.language} empty={t('documents.form.noLanguage')} {...register('language')} {...aria('language')} />
          {err('language')}
        </div>
        <div className="field">
          <label htmlFor="doc-exhibit">{t('documents.form.exhibitNo')}</label>
          <input id="doc-exhibit" type="text" {...register('exhibitNo')} {...aria('exhibitNo')} />
          {err('exhibitNo')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="doc-tags">{t('documents.form.tags')}</label>
        <input id="doc-tags" type="text" {...register('tags')} {...aria('tags')} />
        <span className="field-hint">{t('documents.form.tagsHint')}</span>
        {err('tags')}
      </div>
      <div className="field">
        <label htmlFor="doc-translation">{t('documents.form.translationOf')}</label>
        <select id="doc-translation" {...register('translationOf')} {...aria('translationOf')}>
          <option value="">{t('documents.form.notTranslation')}</option>
          {others.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        {err('translationOf')}
      </div>
      <fieldset className="document-links">
        <legend>{t('documents.form.links')}</legend>
        {linkOptions.every((g) => g.items.length === 0) ? <p className="field-hint">{t('documents.form.noneToLink')}</p> : null}
        {linkOptions
          .filter((g) => g.items.length > 0)
          .map((g) => (
            <div key={g.group} className="document-link-group">
              <p className="document-link-group-title">{g.group}</p>
              {g.items.map((i) => (
                <label key={i.key} className="check">
                  <input type="checkbox" value={i.key} {...register('links')} /> {i.label}
                </label>
              ))}
            </div>
          ))}
        {err('links')}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('documents.form.saving') : t('documents.form.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('documents.form.cancel')}
        </button>
      </div>
    </form>
  );
}

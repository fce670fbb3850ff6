import { zodResolver } from '@hookform/resolvers/zod';
import { Suspense, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatPartialDate, isApproximate, parsePartialDate, partialDateBounds } from '../../../../shared/partial-date';
import { EVENT_TYPES, type CaseEvent } from '../../../../shared/schemas/event';
import type { PartialDate } from '../../../../shared/schemas/partial-date';
import type { Party } from '../../../../shared/schemas/person';
import type { Proceeding } from '../../../../shared/schemas/proceeding';
import { call } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery, useStore } from '../../state/store';
import { DateInput } from '../../components/DateInput';
import { changedOnly, EditButton, Field, FormActions, invalidProps, orNull, partialDateInput, partialDateText, timeText, useRecordSave } from '../../components/form-kit';
import { localToday } from '../../lib/format';
import { RemoveButton, useRemoveRecord } from '../../components/UndoToast';
import { proposalFor } from '../deadlines/pending';
import { ProposalPanel } from '../deadlines/ProposalPanel';

type EventType = (typeof EVENT_TYPES)[number];

export function TimelineTab({ caseId, parties }: { caseId: string; parties: Party[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [type, setType] = useState<EventType | ''>('');
  const [personId, setPersonId] = useState('');
  // One form at a time: a new event, or one event being corrected.
  const [form, setForm] = useState<'add' | CaseEvent | null>(null);
  // The event just recorded, whose deadlines (if any rule starts from it) are proposed under the form.
  const proposeFor = useStore(proposalFor, (p) => (p?.caseId === caseId ? p.eventId : null));
  const req = { caseId, ...(type ? { types: [type] } : {}), ...(personId ? { personId } : {}) };
  const events = useQuery('events.list', req, (r) => r.items);
  const procs = useQuery('proceedings.list', { caseId }, (r) => r.items);
  const people = [...new Map(parties.map((p) => [p.person.id, p.person])).values()];
  const names = new Map(people.map((p) => [p.id, p.name]));
  const remove = useRemoveRecord();
  const [failure, setFailure] = useState<string | null>(null);

  return (
    <div className="cw-stack">
      <div className="cw-filters">
        <div className="field">
          <label htmlFor="tl-type">{t('casework.timeline.filterType')}</label>
          <EnumSelect id="tl-type" value={type} onChange={(e) => setType(e.target.value as EventType | '')} values={EVENT_TYPES} labels="casework.eventTypes" empty={t('casework.timeline.allTypes')} />
        </div>
        <div className="field">
          <label htmlFor="tl-person">{t('casework.timeline.filterPerson')}</label>
          <select id="tl-person" value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{t('casework.timeline.allPeople')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="cw-filters-end">
          <button type="button" className="button-primary" onClick={() => setForm('add')} disabled={form !== null}>
            {t('casework.timeline.add')}
          </button>
        </div>
      </div>
      {form ? (
        <EventForm
          key={form === 'add' ? 'add' : form.id}
          caseId={caseId}
          people={people}
          proceedings={procs.status === 'ready' ? procs.data : []}
          {...(form === 'add' ? {} : { editing: form })}
          onDone={(created) => {
            setForm(null);
            if (created) proposalFor.set({ caseId, eventId: created.id });
          }}
        />
      ) : null}
      {/*
        Its own Suspense boundary: without it, React 19.2 rendered the tab after an event edit (the panel
        reloading its proposals) but never committed it, so the edit form stayed on screen with Save disabled.
        No fallback is ever shown (the panel does not suspend that we could see); the boundary alone lets the
        commit through. tests/e2e/deadlines.spec.ts edits an event's date with the panel open.
      */}
      <Suspense fallback={null}>{proposeFor ? <ProposalPanel key={proposeFor} eventId={proposeFor} onClose={() => proposalFor.set(null)} /> : null}</Suspense>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {events.status === 'loading' ? <p className="busy">{t('common.loading')}</p> : null}
      {events.status === 'error' ? <Notice kind="error">{errorText(t, events.error)}</Notice> : null}
      {events.status === 'ready' ? (
        <>
          <Overview events={events.data} proceedings={procs.status === 'ready' ? procs.data : []} />
          {events.data.length === 0 ? <p className="cw-muted">{t('casework.timeline.none')}</p> : null}
          <div className="cw-timeline" data-testid="timeline">
            {groupByYear(events.data).map(([year, list]) => (
              <section key={year} className="cw-year" aria-labelledby={`tl-year-${year}`}>
                <h2 id={`tl-year-${year}`} className="cw-year-label">
                  {year}
                </h2>
                <ol className="cw-events">
                  {list.map((ev) => {
                    const approx = isApproximate(ev.date);
                    return (
                      <li key={ev.id} className={`cw-event cw-event-${ev.type}${approx ? ' is-approx' : ''}`} data-testid="timeline-event">
                        <div className="cw-event-date">
                          <span className="cw-event-day">
                            {approx ? <span aria-hidden="true">≈ </span> : null}
                            {formatPartialDate(ev.date, lng)}
                          </span>
                          {approx ? <span className="cw-approx">{t('casework.approx')}</span> : null}
                          {ev.time ? <span className="cw-time">{ev.time}</span> : null}
                        </div>
                        <div className="cw-event-body">
                          <span className="cw-event-type">{t(`casework.eventTypes.${ev.type}`)}</span>
                          {ev.place ? <span className="cw-muted"> · {ev.place}</span> : null}
                          {ev.description ? <p className="cw-prose">{ev.description}</p> : null}
                          {ev.personIds.length ? (
                            <p className="cw-muted">{ev.personIds.map((id) => names.get(id) ?? '—').join(', ')}</p>
                          ) : null}
                        </div>
                        <div className="cw-event-actions">
                          <EditButton what={`${formatPartialDate(ev.date, lng)}, ${t(`casework.eventTypes.${ev.type}`)}`} onClick={() => setForm(ev)} disabled={form !== null} />
                          <RemoveButton
                            what={`${formatPartialDate(ev.date, lng)}, ${t(`casework.eventTypes.${ev.type}`)}`}
                            onClick={() => void remove('event', ev.id).then(setFailure)}
                            disabled={form !== null}
                          />
                        </div>
                      </li>
                    );
                  })}
                </ol>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

function groupByYear(list: CaseEvent[]): [string, CaseEvent[]][] {
  const m = new Map<string, CaseEvent[]>();
  for (const ev of list) {
    const y = partialDateBounds(ev.date).earliest.slice(0, 4);
    m.set(y, [...(m.get(y) ?? []), ev]);
  }
  return [...m];
}

const dayNum = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Roughly how wide a label in the strip's 11-unit font is, in the strip's own units. */
const labelWidth = (label: string) => label.length * 6.2;

/**
 * Where a band's label goes: inside the band when it fits; else beside it, on the side with room;
 * else inside, cut at the band's end (the band's tooltip has the full name). Never past the strip.
 */
function labelPlace(label: string, x1: number, x2: number, stripWidth: number): { where: 'inside' | 'after' | 'before'; x: number; anchor: 'start' | 'end' } {
  const need = labelWidth(label) + 8;
  if (x2 - x1 >= need) return { where: 'inside', x: x1 + 4, anchor: 'start' };
  if (stripWidth - x2 >= need) return { where: 'after', x: x2 + 4, anchor: 'start' };
  if (x1 >= need) return { where: 'before', x: x1 - 4, anchor: 'end' };
  return { where: 'inside', x: x1 + 4, anchor: 'start' };
}

/**
 * A compact strip above the chronology: proceedings as bands, events as ticks (approximate ones as
 * a span covering every day they could mean). Drawn in SVG so nothing needs an inline style.
 */
function Overview({ events, proceedings }: { events: CaseEvent[]; proceedings: Proceeding[] }) {
  const { t, i18n } = useTranslation();
  const clipBase = useId();
  const spans = events.map((e) => partialDateBounds(e.date));
  // A proceeding still running reaches to today, so its band shows how long it has been going on.
  const running = proceedings.some((p) => p.startedOn && !p.endedOn);
  const days = [
    ...spans.flatMap((s) => [s.earliest, s.latest]),
    ...proceedings.flatMap((p) => [p.startedOn, p.endedOn].filter((x): x is string => !!x)),
    ...(running ? [localToday()] : []),
  ].sort();
  if (days.length === 0) return null;
  const lo = dayNum(days[0]!);
  const hi = Math.max(dayNum(days[days.length - 1]!), lo + 1);
  const W = 1000;
  const x = (iso: string) => ((dayNum(iso) - lo) / (hi - lo)) * (W - 20) + 10;
  const last = days[days.length - 1]!;
  const bandH = 16;
  const H = 30 + proceedings.length * (bandH + 4) + 18;
  const firstYear = Number(days[0]!.slice(0, 4));
  const lastYear = Number(last.slice(0, 4));
  const years: number[] = [];
  for (let y = firstYear + 1; y <= lastYear; y++) years.push(y);
  return (
    <figure className="cw-strip" aria-label={t('casework.timeline.overview')}>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={t('casework.timeline.overview')} className="cw-strip-svg">
        <line x1={10} x2={W - 10} y1={20} y2={20} className="cw-strip-axis" />
        {years.map((y) => (
          <g key={y}>
            <line x1={x(`${y}-01-01`)} x2={x(`${y}-01-01`)} y1={8} y2={H - 14} className="cw-strip-year" />
            <text x={x(`${y}-01-01`) + 3} y={H - 3} className="cw-strip-label">
              {y}
            </text>
          </g>
        ))}
        {events.map((e, i) => {
          const s = spans[i]!;
          const x1 = x(s.earliest);
          const x2 = x(s.latest);
          return s.earliest === s.latest ? (
            <circle key={e.id} cx={x1} cy={20} r={4} className="cw-strip-event" />
          ) : (
            <rect key={e.id} x={x1} y={16} width={Math.max(x2 - x1, 3)} height={8} rx={4} className="cw-strip-approx" />
          );
        })}
        {proceedings.map((p, i) => {
          if (!p.startedOn) return null;
          const x1 = x(p.startedOn);
          const x2 = x(p.endedOn ?? last);
          const y = 30 + i * (bandH + 4);
          const width = Math.max(x2 - x1, 4);
          const label = t(`casework.proceedingTypes.${p.type}`);
          const place = labelPlace(label, x1, x1 + width, W);
          const clipId = `${clipBase}-${i}`;
          return (
            <g key={p.id}>
              {/* The full name on hover, for a label cut short. */}
              <title>{label}</title>
              <clipPath id={clipId}>
                {place.where === 'inside' ? <rect x={x1} y={y} width={width} height={bandH} /> : <rect x={0} y={y} width={W} height={bandH} />}
              </clipPath>
              <rect x={x1} y={y} width={width} height={bandH} className={`cw-strip-band cw-pstatus-${p.status}`} />
              <text x={place.x} y={y + 12} textAnchor={place.anchor} clipPath={`url(#${clipId})`} className="cw-strip-band-label" data-place={place.where}>
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="cw-muted">
        {formatPartialDate({ precision: 'day', date: days[0]! }, i18n.language)} – {formatPartialDate({ precision: 'day', date: last }, i18n.language)}
      </figcaption>
    </figure>
  );
}

const FormSchema = z.object({
  date: partialDateText(true),
  time: timeText,
  type: z.enum(EVENT_TYPES),
  place: z.string().trim().max(300, 'At most 300 characters'),
  description: z.string().max(20_000, 'At most 20000 characters'),
  personIds: z.array(z.string()),
  proceedingId: z.string(),
});
type FormValues = z.infer<typeof FormSchema>;
const FIELDS = ['date', 'time', 'type', 'place', 'description', 'personIds', 'proceedingId'] as const;

function toValues(ev: CaseEvent | undefined, lng: string): FormValues {
  if (!ev) return { date: '', time: '', type: 'incident', place: '', description: '', personIds: [], proceedingId: '' };
  return {
    date: partialDateInput(ev.date, lng),
    time: ev.time ?? '',
    type: ev.type,
    place: ev.place ?? '',
    description: ev.description,
    personIds: ev.personIds,
    proceedingId: ev.proceedingId ?? '',
  };
}

/** The form's values as the service takes them, with the date as parsed from the typed text. */
const toInput = (v: FormValues, date: PartialDate) => ({
  date,
  time: orNull(v.time),
  type: v.type,
  place: orNull(v.place),
  description: v.description,
  personIds: v.personIds,
  proceedingId: orNull(v.proceedingId),
});

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function EventForm({
  caseId,
  people,
  proceedings,
  editing,
  onDone,
}: {
  caseId: string;
  people: { id: string; name: string }[];
  proceedings: Proceeding[];
  editing?: CaseEvent;
  /** With the new event when one was created (its deadlines are proposed next). */
  onDone(created?: CaseEvent): void;
}) {
  const { t, i18n } = useTranslation();
  const [initial] = useState(() => toValues(editing, i18n.language));
  const created = useRef<CaseEvent | undefined>(undefined);
  const { register, handleSubmit, formState, setError, setValue } = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: initial,
  });
  const e = formState.errors;
  // Someone named in the event who has since left the case stays ticked rather than silently dropped.
  const known = new Set(people.map((p) => p.id));
  const choices = [...people, ...(editing?.personIds ?? []).filter((id) => !known.has(id)).map((id) => ({ id, name: t('casework.edit.formerParty') }))];
  const { failure, save } = useRecordSave(caseId, setError, FIELDS, () => onDone(created.current));
  const submit = handleSubmit(async (v) => {
    const date = parsePartialDate(v.date);
    if (!date) return;
    const input = toInput(v, date);
    await save(async () => {
      if (editing) {
        // The stored date goes through the same text round trip, so an untouched "summer 2014" is no change.
        const patch = changedOnly(toInput(initial, parsePartialDate(initial.date) ?? editing.date), input);
        // The same people in another order (the form lists them as the case does) is no change.
        if (patch.personIds && sameSet(patch.personIds, editing.personIds)) delete patch.personIds;
        if (Object.keys(patch).length) await call('events.update', { id: editing.id, patch });
      } else {
        created.current = await call('events.create', { caseId, ...input });
      }
    });
  });
  return (
    <form className="panel cw-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="ev-form-h" data-testid="event-form">
      <h2 id="ev-form-h">{editing ? t('casework.edit.event') : t('casework.timeline.add')}</h2>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      <div className="cw-grid">
        <Field id="ev-date" label={t('casework.timeline.date')} error={e.date?.message} hint={t('dates.hint')}>
          <DateInput id="ev-date" autoFocus {...register('date')} onPick={(s) => setValue('date', s, { shouldValidate: true, shouldDirty: true })} {...invalidProps('ev-date', e.date?.message)} />
        </Field>
        <Field id="ev-time" label={t('casework.timeline.time')} error={e.time?.message} hint={t('dates.timeHint')}>
          <input id="ev-time" type="text" inputMode="numeric" {...register('time')} {...invalidProps('ev-time', e.time?.message)} />
        </Field>
        <Field id="ev-type" label={t('casework.timeline.type')}>
          <EnumSelect id="ev-type" {...register('type')} values={EVENT_TYPES} labels="casework.eventTypes" />
        </Field>
        <Field id="ev-place" label={t('casework.timeline.place')} error={e.place?.message}>
          <input id="ev-place" type="text" {...register('place')} />
        </Field>
        <Field id="ev-proc" label={t('casework.timeline.proceeding')}>
          <select id="ev-proc" {...register('proceedingId')}>
            <option value="">{t('casework.timeline.noProceeding')}</option>
            {proceedings.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`casework.proceedingTypes.${p.type}`)}
                {p.body ? ` — ${p.body}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {choices.length ? (
        <fieldset className="cw-fieldset">
          <legend>{t('casework.timeline.people')}</legend>
          {choices.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" value={p.id} {...register('personIds')} /> {p.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field id="ev-desc" label={t('casework.timeline.description')} error={e.description?.message}>
        <textarea id="ev-desc" rows={3} {...register('description')} />
      </Field>
      <FormActions saveLabel={editing ? t('casework.edit.save') : t('casework.timeline.save')} submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

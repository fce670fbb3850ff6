import type { Handlers } from '../dispatcher';
import type { CaseWork } from '../../services/cases';
import type { ChangeWriter } from '../../services/changes/change-writer';
import { writeCalendarExport } from '../../services/exports/calendar-export';
import type { PickedPaths } from '../../services/paths/picked-paths';
import type { VaultService } from '../../services/vault-service';

type CaseDomain = 'cases' | 'categories' | 'persons' | 'roles' | 'proceedings' | 'events' | 'hearings' | 'deadlines' | 'notes' | 'records' | 'dashboard' | 'calendar';
type CaseHandlers = Pick<Handlers, `${CaseDomain}.${string}` & keyof Handlers>;

const done = { done: true as const };

/** Thin: the contract's schemas validated the payload; the services re-check and do the work. */
export function caseHandlers(w: CaseWork, io: { vault: VaultService; writer: ChangeWriter; picked: PickedPaths }): CaseHandlers {
  return {
    'cases.list': (r) => w.cases.list(r),
    'cases.get': (r) => w.cases.get(r.id),
    'cases.overview': (r) => w.views.overview(r.id),
    'cases.create': (r) => w.cases.create(r),
    'cases.update': (r) => w.cases.update(r.id, r.patch),
    'cases.delete': (r) => (w.cases.delete(r.id), done),
    'cases.facets': () => w.cases.facets(),
    'cases.activity': (r) => w.cases.activity(r.caseId, { limit: r.limit, beforeSeq: r.beforeSeq }),

    'categories.list': () => ({ items: w.cases.listCategories() }),
    'categories.add': (r) => w.cases.addCategory(r),
    'categories.rename': (r) => w.cases.renameCategory(r.id, { name: r.name }),
    'categories.remove': (r) => (w.cases.removeCategory(r.id), done),

    'persons.list': (r) => w.persons.list(r),
    'persons.search': (r) => w.persons.list(r),
    'persons.get': (r) => w.persons.get(r.id),
    'persons.cases': (r) => w.persons.cases(r.id),
    'persons.create': (r) => w.persons.create(r),
    'persons.update': (r) => w.persons.update(r.id, r.patch),
    'persons.delete': (r) => (w.persons.delete(r.id), done),

    'roles.list': (r) => ({ items: w.persons.listRoles(r.caseId) }),
    'roles.add': (r) => w.persons.addRole(r),
    'roles.update': (r) => w.persons.updateRole(r.id, r.patch),
    'roles.remove': (r) => (w.persons.removeRole(r.id), done),

    'proceedings.list': (r) => ({ items: w.timeline.listProceedings(r.caseId) }),
    'proceedings.get': (r) => w.timeline.getProceeding(r.id),
    'proceedings.create': (r) => w.timeline.createProceeding(r),
    'proceedings.update': (r) => w.timeline.updateProceeding(r.id, r.patch),
    'proceedings.delete': (r) => (w.timeline.deleteProceeding(r.id), done),

    'events.list': (r) => ({ items: w.timeline.listEvents(r) }),
    'events.get': (r) => w.timeline.getEvent(r.id),
    'events.create': (r) => w.timeline.createEvent(r),
    'events.update': (r) => w.timeline.updateEvent(r.id, r.patch),
    'events.delete': (r) => (w.timeline.deleteEvent(r.id), done),

    'hearings.list': (r) => ({ items: w.agenda.listHearings(r.caseId) }),
    'hearings.get': (r) => w.agenda.getHearing(r.id),
    'hearings.create': (r) => w.agenda.createHearing(r),
    'hearings.update': (r) => w.agenda.updateHearing(r.id, r.patch),
    'hearings.delete': (r) => (w.agenda.deleteHearing(r.id), done),
    'hearings.setStatus': (r) => w.agenda.setHearingStatus(r),
    'hearings.history': (r) => ({ items: w.agenda.hearingHistory(r.caseId) }),

    'deadlines.list': (r) => ({ items: w.agenda.listDeadlines(r.caseId) }),
    'deadlines.get': (r) => w.agenda.getDeadline(r.id),
    'deadlines.create': (r) => w.agenda.createDeadline(r),
    'deadlines.update': (r) => w.agenda.updateDeadline(r.id, r.patch),
    'deadlines.setDone': (r) => w.agenda.setDeadlineDone(r.id, r.done),
    'deadlines.delete': (r) => (w.agenda.deleteDeadline(r.id), done),

    'notes.list': (r) => ({ items: w.notes.list(r.caseId) }),
    'notes.get': (r) => w.notes.get(r.id),
    'notes.create': (r) => w.notes.create(r),
    'notes.update': (r) => w.notes.update(r.id, r.patch),
    'notes.delete': (r) => (w.notes.delete(r.id), done),

    'records.removalImpact': (r) => w.bin.impact(r.entityType, r.id),
    'records.restore': (r) => w.bin.restore(r.id),

    'dashboard.get': (r) => w.agenda.dashboard(r),
    'calendar.range': (r) => w.agenda.calendar(r),
    'calendar.exportIcs': ({ target, ...choice }) => writeCalendarExport(io.writer, io.vault.current(), choice, io.picked.take('export-calendar', target, 'target')),
    'cases.quickSwitch': (r) => ({ items: w.views.quickSwitch(r) }),
  };
}

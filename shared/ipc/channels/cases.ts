import { z } from 'zod';
import {
  CalendarQuerySchema,
  CalendarSchema,
  DashboardQuerySchema,
  DashboardSchema,
  DeadlineInputSchema,
  DeadlinePatchSchema,
  DeadlineSchema,
  HearingInputSchema,
  HearingPatchSchema,
  HearingChangeSchema,
  HearingSchema,
  HearingStatusChangeSchema,
} from '../../schemas/agenda';
import { CalendarExportResultSchema, CalendarExportSchema } from '../../schemas/calendar-export';
import { RemovableKindSchema, RemovalImpactSchema, RestoredRecordSchema } from '../../schemas/record-bin';
import {
  CaseFacetsSchema,
  CaseInputSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CasePatchSchema,
  CaseSchema,
  CategoryInputSchema,
  CategorySchema,
} from '../../schemas/case';
import { CaseOverviewSchema, PersonCasesSchema, QuickSwitchQuerySchema, QuickSwitchSchema } from '../../schemas/case-overview';
import { AuditEntrySchema, IdSchema } from '../../schemas/common';
import { ById, ByCase, Done } from '../common';
import { EventInputSchema, EventListQuerySchema, EventPatchSchema, EventSchema } from '../../schemas/event';
import { NoteInputSchema, NotePatchSchema, NoteSchema } from '../../schemas/note';
import {
  PersonInputSchema,
  PersonListQuerySchema,
  PersonListSchema,
  PersonPatchSchema,
  PersonSchema,
  RoleInputSchema,
  RolePatchSchema,
  RoleSchema,
} from '../../schemas/person';
import { ProceedingInputSchema, ProceedingPatchSchema, ProceedingSchema } from '../../schemas/proceeding';

/** `{ id, patch }` for every update: the patch holds only the fields that change. */
const update = <P extends z.ZodType>(patch: P) => z.strictObject({ id: IdSchema, patch });
const list = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

/** Case work: cases, categories, people and roles, proceedings, timeline, hearings, deadlines, notes. */
export const caseChannels = {
  'cases.list': { request: CaseListQuerySchema, response: CaseListSchema },
  'cases.get': { request: ById, response: CaseSchema },
  'cases.overview': { request: ById, response: CaseOverviewSchema },
  'cases.create': { request: CaseInputSchema, response: CaseSchema },
  'cases.update': { request: update(CasePatchSchema), response: CaseSchema },
  'cases.delete': { request: ById, response: Done },
  'cases.facets': { request: z.strictObject({}), response: CaseFacetsSchema },
  /** Newest first, a page at a time: `beforeSeq` (the oldest seq shown) asks for the page before it; `more` says one exists. */
  'cases.activity': {
    request: z.strictObject({ caseId: IdSchema, limit: z.number().int().min(1).max(5000).default(200), beforeSeq: z.number().int().min(1).optional() }),
    /** `names`: what each record the entries are about is called now (or was called when it was removed). */
    response: z.strictObject({ entries: z.array(AuditEntrySchema), more: z.boolean(), names: z.record(z.string(), z.string()) }),
  },

  'categories.list': { request: z.strictObject({}), response: list(CategorySchema) },
  'categories.add': { request: CategoryInputSchema, response: CategorySchema },
  'categories.rename': { request: z.strictObject({ id: IdSchema, name: CategoryInputSchema.shape.name }), response: CategorySchema },
  'categories.remove': { request: ById, response: Done },

  'persons.list': { request: PersonListQuerySchema, response: PersonListSchema },
  'persons.search': { request: PersonListQuerySchema, response: PersonListSchema },
  'persons.get': { request: ById, response: PersonSchema },
  'persons.cases': { request: ById, response: PersonCasesSchema },
  'persons.create': { request: PersonInputSchema, response: PersonSchema },
  'persons.update': { request: update(PersonPatchSchema), response: PersonSchema },
  'persons.delete': { request: ById, response: Done },

  'roles.list': { request: ByCase, response: list(RoleSchema) },
  'roles.add': { request: RoleInputSchema, response: RoleSchema },
  'roles.update': { request: update(RolePatchSchema), response: RoleSchema },
  'roles.remove': { request: ById, response: Done },

  'proceedings.list': { request: ByCase, response: list(ProceedingSchema) },
  'proceedings.get': { request: ById, response: ProceedingSchema },
  'proceedings.create': { request: ProceedingInputSchema, response: ProceedingSchema },
  'proceedings.update': { request: update(ProceedingPatchSchema), response: ProceedingSchema },
  'proceedings.delete': { request: ById, response: Done },

  'events.list': { request: EventListQuerySchema, response: list(EventSchema) },
  'events.get': { request: ById, response: EventSchema },
  'events.create': { request: EventInputSchema, response: EventSchema },
  'events.update': { request: update(EventPatchSchema), response: EventSchema },
  'events.delete': { request: ById, response: Done },

  'hearings.list': { request: ByCase, response: list(HearingSchema) },
  'hearings.get': { request: ById, response: HearingSchema },
  'hearings.create': { request: HearingInputSchema, response: HearingSchema },
  'hearings.update': { request: update(HearingPatchSchema), response: HearingSchema },
  'hearings.delete': { request: ById, response: Done },
  /** Held, cancelled, or adjourned to a new date; the date it had stays in the hearing's history. */
  'hearings.setStatus': { request: HearingStatusChangeSchema, response: HearingSchema },
  /** Every status change of the case's hearings, oldest first. */
  'hearings.history': { request: ByCase, response: list(HearingChangeSchema) },

  'deadlines.list': { request: ByCase, response: list(DeadlineSchema) },
  'deadlines.get': { request: ById, response: DeadlineSchema },
  'deadlines.create': { request: DeadlineInputSchema, response: DeadlineSchema },
  'deadlines.update': { request: update(DeadlinePatchSchema), response: DeadlineSchema },
  'deadlines.setDone': { request: z.strictObject({ id: IdSchema, done: z.boolean() }), response: DeadlineSchema },
  'deadlines.delete': { request: ById, response: Done },

  'notes.list': { request: ByCase, response: list(NoteSchema) },
  'notes.get': { request: ById, response: NoteSchema },
  'notes.create': { request: NoteInputSchema, response: NoteSchema },
  'notes.update': { request: update(NotePatchSchema), response: NoteSchema },
  'notes.delete': { request: ById, response: Done },

  /** What removing a record would also take away, to say so before it goes. */
  'records.removalImpact': { request: z.strictObject({ entityType: RemovableKindSchema, id: IdSchema }), response: RemovalImpactSchema },
  /** Undo of a removal (`<kind>.delete`): the record and everything that went with it come back. */
  'records.restore': { request: ById, response: RestoredRecordSchema },

  'dashboard.get': { request: DashboardQuerySchema, response: DashboardSchema },
  'calendar.range': { request: CalendarQuerySchema, response: CalendarSchema },
  /** Hearings and deadlines of the chosen cases as an .ics file, to the path of an `export-calendar` dialog token. */
  'calendar.exportIcs': { request: CalendarExportSchema, response: CalendarExportResultSchema },
  'cases.quickSwitch': { request: QuickSwitchQuerySchema, response: QuickSwitchSchema },
} as const;

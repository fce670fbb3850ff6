import { AgendaService } from './agenda-service';
import { CaseService } from './case-service';
import { CaseViews } from './case-views';
import { CaseWorkContext, type CaseWorkDeps } from './context';
import { NoteService } from './note-service';
import { PersonService } from './person-service';
import { RecordBin } from './record-bin';
import { TimelineService } from './timeline-service';

/** The case-work services over one vault; each request reads the open session from the VaultService. */
export function createCaseWork(deps: CaseWorkDeps) {
  const ctx = new CaseWorkContext(deps);
  const persons = new PersonService(ctx);
  const agenda = new AgendaService(ctx);
  return {
    cases: new CaseService(ctx),
    persons,
    timeline: new TimelineService(ctx),
    agenda,
    notes: new NoteService(ctx),
    /** Undo of removals: notes, events, hearings, deadlines, proceedings. */
    bin: new RecordBin(ctx),
    views: new CaseViews(ctx, persons, agenda),
  };
}
export type CaseWork = ReturnType<typeof createCaseWork>;
export type { CaseWorkDeps };

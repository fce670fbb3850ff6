import type { Handlers } from '../dispatcher';
import type { CaseWork } from '../../services/cases';
import type { ChangeWriter } from '../../services/changes/change-writer';
import type { DeadlineRulesService } from '../../services/deadline-rules/deadline-rules-service';

type RulesHandlers = Pick<Handlers, `rules.${string}` & keyof Handlers> & Pick<Handlers, 'events.update'>;

/**
 * The deadline-rules channels, plus events.update: a corrected event date recounts the deadlines that event
 * started, in the same transaction as the correction (a write inside a write joins it).
 */
export function rulesHandlers(rules: DeadlineRulesService, w: CaseWork, writer: ChangeWriter): RulesHandlers {
  return {
    'rules.list': () => ({ items: rules.list() }),
    'rules.compute': (r) => rules.compute(r, rules.localDaysOrNone()),
    'rules.propose': (r) => rules.propose(r),
    'rules.accept': (r) => rules.accept(r),
    'rules.links': (r) => ({ items: rules.links(r.caseId) }),
    'rules.linksFor': (r) => ({ items: rules.linksFor(r.deadlineIds) }),
    'rules.acknowledge': (r) => rules.acknowledge(r.deadlineId),
    'rules.holidays': (r) => rules.holidays(r),
    'rules.setDay': (r) => rules.setDay(r),
    'rules.removeDay': (r) => rules.removeDay(r.date),
    'events.update': (r) =>
      writer.write(() => {
        const ev = w.timeline.updateEvent(r.id, r.patch);
        rules.recount({ eventId: ev.id }, 'trigger');
        return ev;
      }),
  };
}

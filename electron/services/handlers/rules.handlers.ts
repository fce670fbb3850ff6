import type { Handlers } from '../../ipc/dispatcher';
import type { CaseWork } from '../cases';
import type { DeadlineRulesService } from '../deadline-rules/deadline-rules-service';

type RulesHandlers = Pick<Handlers, `rules.${string}` & keyof Handlers> & Pick<Handlers, 'events.update'>;

/**
 * The deadline-rules channels, plus events.update: a corrected event date recounts the deadlines that
 * event started (in their own transaction right after the event's; a recount is idempotent).
 */
export function rulesHandlers(rules: DeadlineRulesService, w: CaseWork): RulesHandlers {
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
    'events.update': (r) => {
      const ev = w.timeline.updateEvent(r.id, r.patch);
      rules.recount({ eventId: ev.id }, 'trigger');
      return ev;
    },
  };
}

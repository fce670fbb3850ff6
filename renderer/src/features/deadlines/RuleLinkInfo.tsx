import { useTranslation } from 'react-i18next';
import type { RuleLink } from '../../../../shared/schemas/deadline-rules';
import { call } from '../../api/client';
import { showDay } from '../../lib/format';
import { RuleCitation } from './RuleCitation';
import './deadlines.css';

/**
 * Under a deadline that came from a rule: its citation, and — after a recount moved it — what it was and why,
 * until the lawyer says they have seen it.
 */
export function RuleLinkInfo({ link, dueOn }: { link: RuleLink; dueOn: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const acknowledge = async () => {
    // Its data.changed event reloads the case's deadlines and the dashboard, which both show the notice.
    await call('rules.acknowledge', { deadlineId: link.deadlineId });
  };
  return (
    <span className="dl-link">
      <RuleCitation citation={link.citation} />
      {link.notice ? (
        <span className="dl-notice" role="status" data-testid="deadline-notice">
          {t(`deadlines.notice.${link.notice.reason}`, { previous: showDay(link.notice.previousDueOn, lng) })}
          {link.edited && link.computedDueOn !== dueOn ? ` ${t('deadlines.notice.edited', { computed: showDay(link.computedDueOn, lng) })}` : ''}{' '}
          <button type="button" className="button-link" onClick={() => void acknowledge()}>
            {t('deadlines.notice.ok')}
          </button>
        </span>
      ) : null}
    </span>
  );
}

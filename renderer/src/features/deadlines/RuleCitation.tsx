import { useTranslation } from 'react-i18next';
import type { Citation } from '../../../../shared/schemas/deadline-rules';
import { showDay } from '../../lib/format';
import { citationLine } from './rule-text';
import './deadlines.css';

/** The article a deadline comes from, and whether it was checked against the law's text: shown wherever the deadline is. */
export function RuleCitation({ citation }: { citation: Citation }) {
  const { t, i18n } = useTranslation();
  const date = showDay(citation.versionDate, i18n.language);
  return (
    <span className="dl-citation" data-testid="rule-citation">
      <span>{citationLine(citation, i18n.language)}</span>
      {citation.verified ? (
        <span className="dl-verified" title={t('deadlines.citation.verifiedHint', { date })}>
          {t('deadlines.citation.verified')}
        </span>
      ) : (
        <span className="dl-unverified" title={t('deadlines.citation.unverifiedHint')} data-testid="rule-unverified">
          {t('deadlines.citation.unverified')}
        </span>
      )}
      <span className="cw-muted">{t('deadlines.citation.version', { date })}</span>
    </span>
  );
}

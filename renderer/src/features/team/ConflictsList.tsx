import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/schemas/team';
import { call, isApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { currentLanguage, formatDate } from '../../i18n';
import { navigate } from '../../router/router';
import { useQuery } from '../../state/store';

/**
 * Open conflicts (of one case, or all): each with every value kept, who wrote it (the peer's name here, or "this
 * device") and when, and a "Keep this" per value. Keeping writes a new change that closes it everywhere.
 */
export function ConflictsList({ caseId, showCase }: { caseId?: string; showCase?: boolean }) {
  const { t } = useTranslation();
  const list = useQuery('team.conflicts', caseId ? { caseId } : {});
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  async function keep(c: ConflictView, valueId: string) {
    setMessage(null);
    try {
      await call('team.resolve', { conflictId: c.id, take: valueId });
      setMessage({ kind: 'info', text: t('team.conflicts.kept_done') });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setMessage({ kind: 'error', text: errorText(t, e) });
    }
  }
  if (list.status === 'error') return <Notice kind="error">{errorText(t, list.error)}</Notice>;
  if (list.status !== 'ready') return <p className="busy">{t('common.loading')}</p>;
  return (
    <div className="team-conflicts" data-testid="team-conflicts">
      {message ? <Notice kind={message.kind} testId="team-conflict-message">{message.text}</Notice> : null}
      {list.data.conflicts.length === 0 ? <p className="cw-muted">{t('team.conflicts.none')}</p> : null}
      {list.data.conflicts.map((c) => (
        <Conflict key={c.id} c={c} showCase={!!showCase} onKeep={(v) => void keep(c, v)} />
      ))}
    </div>
  );
}

function Conflict({ c, showCase, onKeep }: { c: ConflictView; showCase: boolean; onKeep: (valueId: string) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const show = (v: string | number | null) => {
    if (c.kind === 'removed') return v === 'kept' ? t('team.conflicts.kept') : t('team.conflicts.gone');
    return v === null || v === '' ? t('team.conflicts.empty') : String(v);
  };
  const who = (v: ConflictView['values'][number]) => (v.self ? t('team.conflicts.thisDevice') : (v.authorName ?? t('team.conflicts.unknown')));
  return (
    <article className="panel team-conflict" data-testid="team-conflict" data-conflict={c.id}>
      <h3>
        {t('team.conflicts.what', { table: t(`team.tables.${c.table}`, { defaultValue: c.table }), field: c.kind === 'removed' ? t('team.conflicts.removed') : t(`team.fields.${c.field}`, { defaultValue: c.field.replace(/_/g, ' ') }) })}
      </h3>
      {showCase ? (
        <button type="button" className="button-link" onClick={() => navigate('case', { caseId: c.caseId, tab: 'sharing' })}>
          {c.caseTitle ?? c.caseId}
        </button>
      ) : null}
      <ul className="team-values">
        {c.values.map((v) => (
          <li key={v.valueId} data-testid="team-conflict-value">
            <span className="team-value">{show(v.value)}</span>
            <span className="cw-muted">
              {t('team.conflicts.by', { who: who(v) })}
              {v.at ? ` · ${formatDate(v.at, lng)}` : ''}
            </span>
            <button type="button" className="button-quiet cw-small" onClick={() => onKeep(v.valueId)}>
              {t('team.conflicts.keep')}
            </button>
          </li>
        ))}
      </ul>
    </article>
  );
}

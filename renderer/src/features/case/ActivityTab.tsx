import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { useQuery } from '../../state/store';
import { formatTimestamp } from './format';

/** The case's audit trail: what was done and when; the log keeps field names, never values. */
export function ActivityTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery(`case:${caseId}:activity`, () => call('cases.activity', { caseId, limit: 500 }).then((r) => r.entries));
  if (q.status === 'loading') return <p className="busy">{t('common.loading')}</p>;
  if (q.status === 'error') return <Notice kind="error">{errorText(t, q.error)}</Notice>;
  if (q.data.length === 0) return <p className="cw-muted">{t('casework.activity.none')}</p>;
  return (
    <table className="cw-table" data-testid="activity">
      <tbody>
        {q.data.map((a) => {
          const fields = Array.isArray(a.detail.fields) ? (a.detail.fields as unknown[]).filter((f): f is string => typeof f === 'string') : [];
          return (
            <tr key={a.seq}>
              <td className="cw-nowrap cw-muted">{formatTimestamp(a.at, i18n.language)}</td>
              <td>
                <code>{a.action}</code>
              </td>
              <td className="cw-muted">{fields.length ? t('casework.activity.fields', { fields: fields.join(', ') }) : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

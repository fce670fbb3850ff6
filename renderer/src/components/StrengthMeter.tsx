import { useTranslation } from 'react-i18next';
import type { Score } from '../features/vault/strength';

/** Four segments coloured by CSS classes: no style attributes, which the CSP forbids. */
export function StrengthMeter({ score, pending }: { score: Score | null; pending: boolean }) {
  const { t } = useTranslation();
  const text = score === null ? (pending ? t('strength.checking') : '') : t(`strength.score${score}`);
  return (
    <div className={`strength strength-${score ?? 'none'}`} data-testid="strength" data-score={score ?? ''}>
      <div className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={score !== null && score >= i ? 'on' : ''} />
        ))}
      </div>
      <p className="strength-text" aria-live="polite">
        {text ? `${t('strength.label')}: ${text}` : '\u00a0'}
      </p>
    </div>
  );
}

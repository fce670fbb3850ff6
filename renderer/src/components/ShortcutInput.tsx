import { forwardRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayShortcut, recordShortcut } from '../lib/accelerator';

const MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

interface Props {
  id: string;
  value: string;
  onChange(accelerator: string): void;
  onBlur?(): void;
  describedBy?: string;
  invalid?: boolean;
}

/**
 * A shortcut is recorded by pressing it, not typed: the field shows the keys as the keyboard names them and
 * stores the accelerator the main process registers. Tab still moves on, so the field never traps the keyboard.
 */
export const ShortcutInput = forwardRef<HTMLInputElement, Props>(function ShortcutInput({ id, value, onChange, onBlur, describedBy, invalid }, ref) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return;
    e.preventDefault();
    const r = recordShortcut(e);
    if (r.ok) {
      setProblem(null);
      onChange(r.accelerator);
    } else if (r.reason !== 'modifier-only') {
      setProblem(t(`forms.shortcut.${r.reason}`));
    }
  };

  return (
    <>
      <input
        ref={ref}
        id={id}
        type="text"
        className="input-text input-shortcut"
        readOnly
        value={value ? displayShortcut(value, MAC) : ''}
        placeholder={t('forms.shortcut.placeholder')}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        aria-invalid={invalid || problem ? true : undefined}
        aria-describedby={[describedBy, problem ? `${id}-record` : ''].filter(Boolean).join(' ') || undefined}
        data-accelerator={value}
      />
      {problem ? (
        <p id={`${id}-record`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
});

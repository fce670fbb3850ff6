import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | null;
  autoFocus?: boolean;
  disabled?: boolean;
  name: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A passphrase field: never spell-checked (a spellchecker may fetch dictionaries or keep words),
 * never offered for saving, with a Caps Lock warning and an explicit show/hide toggle.
 */
export function PassphraseInput({ label, value, onChange, hint, error, autoFocus, disabled, name, inputRef }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  const [caps, setCaps] = useState(false);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => setCaps(e.getModifierState('CapsLock'));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', caps ? `${id}-caps` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="passphrase-row">
        <input
          id={id}
          name={name}
          ref={inputRef}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKey}
          onKeyUp={onKey}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        <button type="button" className="button-quiet" onClick={() => setVisible((v) => !v)} aria-pressed={visible} disabled={disabled}>
          {visible ? t('passphrase.hide') : t('passphrase.show')}
        </button>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {caps ? (
        <p id={`${id}-caps`} className="field-warning">
          {t('unlock.capsLock')}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

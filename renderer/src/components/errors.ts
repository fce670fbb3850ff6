import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';

/** Our wording for a stable error code, in the UI language; the main process's English text otherwise. */
export function errorText(t: TFunction, e: Pick<ApiError, 'code' | 'message'>): string {
  return t(`errors.${e.code}`, { defaultValue: e.message || t('errors.generic') });
}

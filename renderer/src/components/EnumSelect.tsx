import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';

export type EnumSelectProps<V extends string> = Omit<ComponentPropsWithRef<'select'>, 'children'> & {
  /** The values, in the order shown; each option's value is the value itself. */
  values: readonly V[];
  /** Where the labels are: value `v` is shown as t(`${labels}.${v}`). */
  labels: string;
  /** A first option with the value "" and this (translated) text: "All types", "None", "—". */
  empty?: string;
};

/**
 * One translated enum select: a `<select>` of a fixed list of values, each labelled from the translations.
 * Every other prop (id, value, onChange, `{...register(name)}` with its ref, aria-*, data-*) goes to the select.
 */
export function EnumSelect<V extends string>({ values, labels, empty, ...select }: EnumSelectProps<V>) {
  const { t } = useTranslation();
  return (
    <select {...select}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${labels}.${v}`)}
        </option>
      ))}
    </select>
  );
}

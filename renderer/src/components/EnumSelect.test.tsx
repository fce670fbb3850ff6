import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../../shared/schemas/document';
import { RESOURCES } from '../i18n';
import { EnumSelect } from './EnumSelect';

// The app's initI18n also sets the page's lang; here only the English resources are needed.
void i18next.use(initReactI18next).init({ resources: { en: { translation: RESOURCES.en } }, lng: 'en', initAsync: false });

describe('EnumSelect', () => {
  it('renders one option per value, labelled from the translations, with the select props passed through', () => {
    const html = renderToStaticMarkup(<EnumSelect id="doc-type" data-x="1" values={DOCUMENT_TYPES} labels="documents.types" defaultValue="other" />);
    expect(html.startsWith('<select id="doc-type" data-x="1">')).toBe(true);
    const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options.map((o) => o[0])).toEqual([...DOCUMENT_TYPES]);
    for (const [value, label] of options) expect(label, value).not.toMatch(/^documents\.types\./);
  });

  it('puts an empty first option when asked ("all", "none")', () => {
    const html = renderToStaticMarkup(<EnumSelect values={['a', 'b'] as const} labels="x" empty="All" />);
    expect(html).toMatch(/^<select><option value="">All<\/option><option value="a">/);
  });
});

import { useTranslation } from 'react-i18next';
import { TRAVEL_SAFETY } from '../../../../shared/content/travel-safety';
import { PageHeader } from '../../components/PageHeader';
import { currentLanguage } from '../../i18n';
import '../../styles/protection.css';

/** Plain-language advice before a trip. Kyrgyz readers get the Russian text until a reviewed translation exists. */
export function TravelSafetyPage() {
  useTranslation();
  const lng = currentLanguage();
  const content = TRAVEL_SAFETY[lng === 'en' ? 'en' : 'ru'];
  return (
    <article className="travel-safety" data-testid="travel-safety">
      <PageHeader title={content.title} />
      <p className="travel-intro">{content.intro}</p>
      {content.sections.map((s) => (
        <section key={s.heading} className="travel-section">
          <h2>{s.heading}</h2>
          <ul>
            {s.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

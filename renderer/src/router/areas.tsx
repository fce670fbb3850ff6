/**
 * The registry of app areas. Adding an area is one entry here plus its folder under features/:
 * `nav` entries appear in the left navigation in this order; others (a case's detail page) are
 * reachable only through navigate().
 */
import type { ComponentType } from 'react';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { CasePage } from '../features/case/CasePage';
import { CasesPage } from '../features/cases/CasesPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { PersonPage } from '../features/people/PersonPage';
import { DocumentPage } from '../features/documents/DocumentPage';
import { SearchPage } from '../features/search/SearchPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TravelSafetyPage } from '../features/travel-safety/TravelSafetyPage';
import { ConflictsPage } from '../features/team/ConflictsPage';
import { TeamPage } from '../features/team/TeamPage';
import type { Route } from './router';

export interface Area {
  /** Route name; also the `data-area` of its nav button and page. */
  name: string;
  /** i18n key of the label in the navigation. */
  labelKey: string;
  nav: boolean;
  component: ComponentType<{ route: Route }>;
}

export const AREAS: readonly Area[] = [
  { name: 'dashboard', labelKey: 'nav.dashboard', nav: true, component: DashboardPage },
  { name: 'cases', labelKey: 'nav.cases', nav: true, component: CasesPage },
  { name: 'calendar', labelKey: 'nav.calendar', nav: true, component: CalendarPage },
  { name: 'search', labelKey: 'nav.search', nav: true, component: SearchPage },
  { name: 'team', labelKey: 'team.nav', nav: true, component: TeamPage },
  { name: 'settings', labelKey: 'nav.settings', nav: true, component: SettingsPage },
  { name: 'conflicts', labelKey: 'team.conflicts.title', nav: false, component: ConflictsPage },
  { name: 'case', labelKey: 'nav.cases', nav: false, component: CasePage },
  { name: 'person', labelKey: 'nav.cases', nav: false, component: PersonPage },
  { name: 'travel-safety', labelKey: 'protection.nav.travelSafety', nav: true, component: TravelSafetyPage },
  { name: 'document', labelKey: 'documents.details', nav: false, component: DocumentPage },
];

export function findArea(name: string): Area | undefined {
  return AREAS.find((a) => a.name === name);
}

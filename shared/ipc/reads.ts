import type { Channel } from './contract';
import type { EntityKind, EventPayload } from './events';

/**
 * What each read channel's answer depends on, so a `data.changed` event reloads exactly the screens that
 * show what changed. `caseIn` names the request field holding the case the answer is about: a change in
 * another case leaves it alone. A read channel missing here reloads on every change (safe, if wasteful).
 */
export interface ReadDependency {
  on: readonly EntityKind[] | 'any';
  caseIn?: 'caseId' | 'id';
}

const CASE_CONTENT: readonly EntityKind[] = ['case', 'category', 'person', 'role', 'proceeding', 'event', 'hearing', 'deadline', 'note', 'document'];

export const READS: { readonly [C in Channel]?: ReadDependency } = {
  'cases.list': { on: ['case', 'category'] },
  'cases.get': { on: ['case', 'category'], caseIn: 'id' },
  'cases.overview': { on: CASE_CONTENT, caseIn: 'id' },
  'cases.facets': { on: ['case'] },
  'cases.quickSwitch': { on: ['case', 'person', 'role'] },
  // Every trail entry of the case, whatever it is about.
  'cases.activity': { on: 'any', caseIn: 'caseId' },
  'categories.list': { on: ['category'] },
  'persons.list': { on: ['person'] },
  'persons.search': { on: ['person'] },
  'persons.get': { on: ['person'] },
  'persons.cases': { on: ['person', 'role', 'case'] },
  'roles.list': { on: ['role', 'person'], caseIn: 'caseId' },
  'proceedings.list': { on: ['proceeding'], caseIn: 'caseId' },
  'proceedings.get': { on: ['proceeding'] },
  'events.list': { on: ['event', 'person', 'proceeding'], caseIn: 'caseId' },
  'events.get': { on: ['event', 'person'] },
  'hearings.list': { on: ['hearing', 'person', 'proceeding'], caseIn: 'caseId' },
  'hearings.get': { on: ['hearing'] },
  'hearings.history': { on: ['hearing'], caseIn: 'caseId' },
  'records.removalImpact': { on: ['proceeding', 'hearing', 'event', 'deadline'] },
  'deadlines.list': { on: ['deadline', 'proceeding'], caseIn: 'caseId' },
  'deadlines.get': { on: ['deadline'] },
  'notes.list': { on: ['note'], caseIn: 'caseId' },
  'notes.get': { on: ['note'] },
  'dashboard.get': { on: ['case', 'hearing', 'deadline'] },
  'calendar.range': { on: ['case', 'hearing', 'deadline'] },
  'documents.list': { on: ['document'], caseIn: 'caseId' },
  'documents.get': { on: ['document'] },
  'documents.custody': { on: ['document'] },
  'bundles.defaults': { on: ['case', 'document'], caseIn: 'caseId' },
  'bundles.listDefinitions': { on: ['bundle_definition'], caseIn: 'caseId' },
  'bundles.getDefinition': { on: ['bundle_definition'] },
  'settings.get': { on: ['settings'] },
  'backup.status': { on: ['settings', 'vault'] },
  // Pairing and the identity are trail entries about the vault; the team folder is a setting.
  'team.identity': { on: ['vault', 'settings'] },
  'team.members': { on: ['case', 'vault'], caseIn: 'caseId' },
  // A sync or a resolution writes the case's rows and its state: any of its content may come with it.
  'team.status': { on: [...CASE_CONTENT, 'vault'] },
  'team.conflicts': { on: [...CASE_CONTENT, 'vault'] },
  // The daemon's state changes without any write (a peer connects, bytes arrive): the Team screen also polls it.
  'team.engine': { on: [...CASE_CONTENT, 'vault'] },
};

/** Whether a cached answer of `channel` to `request` may be out of date after `change`. */
export function isAffected(channel: Channel, request: unknown, change: EventPayload<'data.changed'>): boolean {
  const dep = READS[channel];
  if (!dep) return true;
  if (dep.on !== 'any' && !dep.on.some((k) => change.entities.includes(k))) return false;
  if (dep.caseIn && change.caseIds.length > 0 && request && typeof request === 'object') {
    const caseId = (request as Record<string, unknown>)[dep.caseIn];
    if (typeof caseId === 'string' && !change.caseIds.includes(caseId)) return false;
  }
  return true;
}

import { invalidate } from '../../state/store';

/** After any change inside a case: everything that summarises it reloads (overview, lists, dashboard). */
export function refreshCase(caseId: string): void {
  invalidate(`case-overview:${caseId}`);
  invalidate(`case:${caseId}:`);
  invalidate(`events:${caseId}`);
  invalidate('dashboard');
  invalidate('calendar');
  invalidate('cases:');
  invalidate('persons');
}

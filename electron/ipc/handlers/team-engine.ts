import type { TeamEngine } from '../../../shared/schemas/sync-engine';
import { problemsOf, type TeamStatus } from '../../services/team-sync';

/**
 * `TeamSync.status()` (the same call `sakta sync-status` and `sync --watch` make) as the Team screen's engine panel.
 * Problems: `problemsOf`, as the CLI shows them.
 */
export function engineView(st: TeamStatus, title: (caseId: string) => string | null): TeamEngine {
  const problems = problemsOf(st);
  // Not running and the last start found no binary: "not installed", which says what to do, not just "stopped".
  const state = st.running ? 'running' : problems.some((p) => p.code === 'ENGINE_MISSING') ? 'missing' : 'stopped';
  return {
    state,
    deviceId: st.deviceId,
    peersOnline: st.peersOnline,
    problems: state === 'running' ? problems.filter((p) => p.code !== 'ENGINE_MISSING') : problems,
    cases: st.cases.filter((c) => c.folderId).map((c) => ({ caseId: c.caseId, title: title(c.caseId), openConflicts: c.openConflicts, folder: c.engine })),
  };
}

import type { EngineProblemView, TeamEngine } from '../../../shared/schemas/sync-engine';
import type { TeamStatus } from '../../services/team-sync';

/**
 * `TeamSync.status()` (the same call `sakta sync-status` and `sync --watch` make) as the Team screen's engine panel.
 * Problems are the daemon's (with their detail: the address in use, the refused device) and Sakta's own (a start
 * that failed, an exchange that threw), merged as the CLI merges them.
 */
export function engineView(st: TeamStatus, title: (caseId: string) => string | null): TeamEngine {
  const problems: EngineProblemView[] = [
    ...(st.engine?.problems ?? []),
    ...st.problems.map((p) => ({ code: p.code, message: p.message, folderId: p.folderId || null, detail: null, at: p.at })),
  ].map((p) => ({ ...p, message: p.message.slice(0, 2000) }));
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

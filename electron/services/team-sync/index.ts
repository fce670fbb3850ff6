/** Shared cases carried by Sakta's own Syncthing (docs/sync.md, "Team sync"). */
export { TeamSync, problemsOf, type TeamSyncOptions, type TeamStatus, type TeamCaseState, type TeamProblem } from './team-sync';

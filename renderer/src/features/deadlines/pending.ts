import { createStore } from '../../state/store';

/**
 * The event whose deadline proposals are open. Kept outside the timeline's own state because saving an event
 * reloads the case, which remounts its tabs; cleared at lock like every session store.
 */
export const proposalFor = createStore<{ caseId: string; eventId: string } | null>(null);

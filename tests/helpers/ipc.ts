import { knownDbError } from '../../electron/db/connection';
import { createDispatcher, type DispatcherOptions } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { AppServices } from '../../electron/composition/app-services';

/** The composition's second step, as main/index.ts takes it: every channel's handler behind the one gate. */
export function dispatcherFor(services: AppServices, opts: Omit<DispatcherOptions, 'mapError'>) {
  return createDispatcher(createHandlers(services), { ...opts, mapError: knownDbError });
}

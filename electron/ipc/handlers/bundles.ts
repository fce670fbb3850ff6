import type { Handlers } from '../dispatcher';
import type { BundleService } from '../../services/bundles/bundle-service';
import type { PickedPaths } from '../../services/paths/picked-paths';

type BundlesHandlers = Pick<Handlers, `bundles.${string}` & keyof Handlers>;

/** Thin: the schemas already validated the payload; the service does the work. */
export function bundlesHandlers(bundles: BundleService, picked: PickedPaths): BundlesHandlers {
  const choice = (r: { definition?: unknown; definitionId?: string }) =>
    r.definition !== undefined ? { definition: r.definition } : r.definitionId ? { definitionId: r.definitionId } : {};
  return {
    'bundles.defaults': (r) => bundles.defaults(r.caseId),
    'bundles.listDefinitions': (r) => ({ definitions: bundles.listDefinitions(r.caseId) }),
    'bundles.getDefinition': (r) => bundles.getDefinition(r.id),
    'bundles.saveDefinition': (r) => bundles.saveDefinition(r),
    'bundles.deleteDefinition': (r) => (bundles.deleteDefinition(r.id), { done: true as const }),
    'bundles.preview': (r) => bundles.preview(r.caseId, choice(r)),
    // The save dialog already asked the user before replacing the file they chose.
    'bundles.export': (r) => bundles.export({ caseId: r.caseId, outPath: picked.take('export-bundle', r.target, 'target'), jobId: r.jobId, force: true, ...choice(r) }),
    'bundles.openOutput': async (r) => (await bundles.openOutput(r.outputId, r.action), { done: true as const }),
    'bundles.verifyOutput': (r) => bundles.verifyOutput(r.outputId),
    'bundles.cancel': (r) => bundles.cancel(r.jobId),
  };
}

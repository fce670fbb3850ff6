import { z } from 'zod';
import {
  BundleCheckSchema,
  BundleDefinitionSchema,
  BundlePreviewSchema,
  DefinitionNameSchema,
  DefinitionSummarySchema,
  ExportResultSchema,
  SavedDefinitionSchema,
} from '../../schemas/bundle';
import { IdSchema } from '../../schemas/common';
import { ById, ByCase, Done, JobIdSchema } from '../common';
import { PathTokenSchema } from '../../schemas/picked';

/** Either a definition being edited (by value) or a saved one; neither = every document in default sections. */
const DefinitionChoice = {
  definition: BundleDefinitionSchema.optional(),
  definitionId: IdSchema.optional(),
};

export const bundlesChannels = {
  /** A starting definition: every bundleable document of the case in sections A–D, by date. */
  'bundles.defaults': { request: ByCase, response: BundleDefinitionSchema },
  'bundles.listDefinitions': { request: ByCase, response: z.strictObject({ definitions: z.array(DefinitionSummarySchema) }) },
  'bundles.getDefinition': { request: ById, response: SavedDefinitionSchema },
  /** Create (no id) or replace (id) a named definition; names are unique within a case. */
  'bundles.saveDefinition': {
    request: z.strictObject({ caseId: IdSchema, id: IdSchema.optional(), name: DefinitionNameSchema, definition: BundleDefinitionSchema }),
    response: SavedDefinitionSchema,
  },
  'bundles.deleteDefinition': { request: ById, response: Done },
  /** Page ranges, volumes and notices as the export would produce them; writes nothing. */
  'bundles.preview': { request: z.strictObject({ caseId: IdSchema, ...DefinitionChoice }), response: BundlePreviewSchema },
  /**
   * Builds and writes the bundle (and `<name>.manifest.json`) to the file the save dialog just returned
   * (`target`, its token; the main process adds ".pdf" to the name if missing). Progress arrives as `job.progress` events with kind "bundle" and this `jobId`.
   */
  'bundles.export': {
    request: z.strictObject({
      caseId: IdSchema,
      ...DefinitionChoice,
      target: PathTokenSchema,
      jobId: JobIdSchema.optional(),
    }),
    response: ExportResultSchema,
  },
  /** Opens the first volume of a bundle `bundles.export` wrote this session, or shows it in its folder (recorded as `bundle.open`). */
  'bundles.openOutput': { request: z.strictObject({ outputId: IdSchema, action: z.enum(['open', 'reveal']) }), response: Done },
  /** Checks the written volumes against their signed manifest and this vault's key, as `sakta verify-bundle` does. */
  'bundles.verifyOutput': { request: z.strictObject({ outputId: IdSchema }), response: BundleCheckSchema },
  'bundles.cancel': { request: z.strictObject({ jobId: JobIdSchema }), response: z.strictObject({ cancelled: z.boolean() }) },
} as const;

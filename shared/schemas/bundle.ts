import { z } from 'zod';
import { IdSchema as UuidSchema, safeString, TimestampSchema } from './common';
import { IdSchema as DocIdSchema } from './document';
import { IsoDaySchema } from './partial-date';

/**
 * Court bundles (issue 5): a saved definition per case, what a build would produce (preview), and the
 * signed manifest written beside each bundle.
 */

/**
 * Things the lawyer should see before exporting, as codes with their values: the renderer words them in the
 * UI language (bundles.notice.* in renderer/src/i18n), the CLI in English (electron/services/bundles/notice-text.ts).
 */
export const BundleNoticeSchema = z.discriminatedUnion('code', [
  /** Pseudonyms replace names only on the generated pages; the source documents are not redacted. */
  z.strictObject({ code: z.literal('pseudonyms-generated-pages-only'), params: z.strictObject({}) }),
  /** A document (by tab, e.g. "C-3") or a generated part (e.g. "chronology") larger than a volume fills one alone. */
  z.strictObject({
    code: z.literal('fills-volume-alone'),
    params: z.strictObject({ part: z.enum(['document', 'chronology', 'notes', 'annex']), tab: z.string(), pages: z.number().int(), volume: z.number().int() }),
  }),
  /** A document listed in a section was deleted or trashed since; it was left out. */
  z.strictObject({ code: z.literal('document-missing'), params: z.strictObject({ section: z.string() }) }),
]);
export type BundleNotice = z.output<typeof BundleNoticeSchema>;

export { DEFAULT_SECTION_TITLES } from '../bundle-sections';

const text = (max: number) => safeString(z.string().trim().max(max, `At most ${max} characters`));
const title = (max: number, empty: string) => safeString(z.string().trim().min(1, empty).max(max, `At most ${max} characters`));

export const AgreementSchema = z.enum(['agreed', 'not-agreed', 'unmarked']);
export type Agreement = z.infer<typeof AgreementSchema>;

export const BundleItemSchema = z.strictObject({
  documentId: DocIdSchema,
  agreement: AgreementSchema.default('unmarked'),
});

export const BundleSectionSchema = z.strictObject({
  /** Stable within one definition so the builder can drag sections; letters come from the position. */
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Use lower-case letters, digits and dashes'),
  title: title(200, 'Enter a section title'),
  /** "manual" keeps `items` in the order given; "date" sorts by the document's own date (undated last). */
  order: z.enum(['manual', 'date']).default('manual'),
  items: z.array(BundleItemSchema).max(5000).default([]),
  /** Each document that has a redacted version goes in as its newest redacted version instead. */
  useRedacted: z.boolean().optional(),
});
export type BundleSection = z.output<typeof BundleSectionSchema>;

export const PseudonymSchema = z.strictObject({
  personId: UuidSchema,
  code: title(60, 'Enter a code such as "Applicant A"'),
});

export const CoverSchema = z.strictObject({
  court: text(300).default(''),
  caseNumbers: z.array(title(100, 'Enter the number')).max(20).default([]),
  parties: text(1000).default(''),
  title: text(300).default(''),
  date: IsoDaySchema.nullable().default(null),
});

/** Languages the generated pages (cover, index, chronology, notes, annex, bookmarks) can be written in. */
export const BUNDLE_LANGUAGES = ['ru', 'en'] as const;
export const BundleLanguageSchema = z.enum(BUNDLE_LANGUAGES);
export type BundleLanguage = z.infer<typeof BundleLanguageSchema>;

export const BundleOptionsSchema = z.strictObject({
  chronology: z.boolean().default(false),
  /** The case's deadlines in the chronology, by due date, each with the article that set it. */
  chronologyDeadlines: z.boolean().default(false),
  notes: z.boolean().default(false),
  custodyAnnex: z.boolean().default(false),
  numbering: z.enum(['continuous', 'section']).default('continuous'),
  paper: z.enum(['a4', 'letter']).default('a4'),
  /** Source pages scaled (aspect kept, centred) onto the paper, landscape ones onto landscape paper; false keeps each page's own size. */
  fitToPaper: z.boolean().default(true),
  /** Pages per volume, front matter included; null = one volume. */
  volumePageLimit: z.number().int().min(20, 'At least 20 pages per volume').max(10_000).nullable().default(null),
  /**
   * Language of every word Sakta writes into the bundle. A definition saved before this option existed has
   * none and reads as 'en', so it rebuilds exactly as before; the builder starts a new one in the UI language.
   */
  language: BundleLanguageSchema.default('en'),
});

export const BundleDefinitionSchema = z
  .strictObject({
    sections: z.array(BundleSectionSchema).min(1, 'A bundle needs at least one section').max(26, 'At most 26 sections (A–Z)'),
    options: BundleOptionsSchema.default(() => BundleOptionsSchema.parse({})),
    pseudonyms: z.array(PseudonymSchema).max(200).default([]),
    cover: CoverSchema.default(() => CoverSchema.parse({})),
  })
  .superRefine((d, ctx) => {
    const keys = new Set<string>();
    const docs = new Set<string>();
    d.sections.forEach((s, i) => {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'key'], message: 'Two sections share this key' });
      keys.add(s.key);
      s.items.forEach((it, j) => {
        if (docs.has(it.documentId)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'items', j], message: 'This document is already in the bundle' });
        docs.add(it.documentId);
      });
    });
  });
export type BundleDefinition = z.output<typeof BundleDefinitionSchema>;

export const DefinitionNameSchema = title(200, 'Name the bundle, e.g. "Appeal hearing, 12 March"');

export const SavedDefinitionSchema = z.strictObject({
  id: UuidSchema,
  caseId: UuidSchema,
  name: z.string(),
  definition: BundleDefinitionSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type SavedDefinition = z.output<typeof SavedDefinitionSchema>;

export const DefinitionSummarySchema = SavedDefinitionSchema.omit({ definition: true });

/** Where a document lands: the volume and its first/last bundle page labels ("57", "C-12"). */
export const PlacedDocumentSchema = z.strictObject({
  documentId: z.string(),
  tab: z.string(),
  title: z.string(),
  date: z.string(),
  agreement: AgreementSchema,
  volume: z.number().int(),
  firstPage: z.string(),
  lastPage: z.string(),
  pages: z.number().int(),
  /** The original this translation follows, when it was moved there. */
  translationOf: z.string().nullable(),
});

export const BundlePreviewSchema = z.strictObject({
  volumes: z.array(z.strictObject({ number: z.number().int(), pages: z.number().int(), frontPages: z.number().int() })),
  sections: z.array(z.strictObject({ letter: z.string(), title: z.string(), documents: z.array(PlacedDocumentSchema) })),
  totalPages: z.number().int(),
  /** Things the lawyer should see before exporting (a missing document, the pseudonym notice, an oversized document). */
  notices: z.array(BundleNoticeSchema),
});
export type BundlePreview = z.output<typeof BundlePreviewSchema>;

export const ExportResultSchema = z.strictObject({
  files: z.array(z.strictObject({ path: z.string(), sha256: z.string(), pages: z.number().int(), volume: z.number().int() })),
  manifestPath: z.string(),
  totalPages: z.number().int(),
  notices: z.array(BundleNoticeSchema),
  /**
   * Names the written files for `bundles.openOutput` and `bundles.verifyOutput`: the main process keeps the
   * paths (until the vault locks), the page holds only this id.
   */
  outputId: UuidSchema,
});
export type ExportResult = z.output<typeof ExportResultSchema>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The signed manifest `<name>.manifest.json`. The signature covers the canonical JSON of `body`. */
export const ManifestBodySchema = z.strictObject({
  format: z.literal('sakta-bundle-manifest'),
  version: z.literal(1),
  vaultId: z.string(),
  caseId: z.string(),
  createdAt: z.string(),
  title: z.string(),
  signingPublicKey: z.string(),
  files: z.array(z.strictObject({ name: z.string(), volume: z.number().int(), pages: z.number().int(), sha256: Hex64 })).min(1),
  sources: z.array(z.strictObject({ documentId: z.string(), tab: z.string(), sha256: Hex64, importedAt: z.string() })),
});
export const ManifestSchema = z.strictObject({ body: ManifestBodySchema, signature: z.string() });
export type ManifestBody = z.output<typeof ManifestBodySchema>;
export type Manifest = z.output<typeof ManifestSchema>;

/** `bundles.verifyOutput`: the written files checked again against their signed manifest, as they are now. */
export const BundleCheckSchema = z.strictObject({
  ok: z.boolean(),
  manifest: z.strictObject({
    name: z.string(),
    /** "altered": the signature does not verify; "other-vault": it verifies, with another vault's key. */
    state: z.enum(['ok', 'missing', 'invalid', 'altered', 'other-vault']),
  }),
  files: z.array(
    z.strictObject({
      name: z.string(),
      volume: z.number().int(),
      /** "changed": its SHA-256 differs from the manifest's; "unlisted": the manifest does not name it. */
      state: z.enum(['ok', 'missing', 'changed', 'unlisted']),
    }),
  ),
});
export type BundleCheck = z.output<typeof BundleCheckSchema>;

import { z } from 'zod';
import { IdSchema, longText, optionalDay, optionalId, optionalText, patchText, requiredText, safeString, TimestampSchema } from './common';
import { IsoDaySchema } from './partial-date';

export const CASE_STATUSES = ['open', 'closed', 'archived'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Keys of the seeded categories; the renderer translates these, user-added ones show their name. */
export const SEEDED_CATEGORY_KEYS = ['torture', 'arbitrary_detention', 'fair_trial', 'domestic_violence', 'freedom_of_expression', 'other'] as const;

export const CategorySchema = z.strictObject({
  id: IdSchema,
  key: z.string().nullable(),
  name: z.string(),
  position: z.number().int(),
});
export type Category = z.infer<typeof CategorySchema>;
export const CategoryInputSchema = z.strictObject({ name: requiredText(100, 'Enter a name') });

/** A case passes through several bodies, each giving it a number. */
export const CourtNumberSchema = z.strictObject({
  number: requiredText(100, 'Enter the number'),
  body: optionalText(200),
});
export type CourtNumber = z.output<typeof CourtNumberSchema>;

export const TagSchema = safeString(z.string().trim().min(1, 'A tag cannot be empty').max(50, 'At most 50 characters'));

const caseFields = {
  title: requiredText(300, 'Enter a title'),
  internalRef: optionalText(100),
  courtNumbers: z.array(CourtNumberSchema).max(50).default([]),
  categoryId: optionalId,
  status: CaseStatusSchema.default('open'),
  stage: optionalText(100),
  openedOn: optionalDay,
  closedOn: optionalDay,
  summary: longText(20_000).default(''),
  tags: z.array(TagSchema).max(50).default([]),
};
export const CaseInputSchema = z.strictObject(caseFields);
export type CaseInput = z.input<typeof CaseInputSchema>;
/** Only the fields given change; null clears an optional field. */
export const CasePatchSchema = z.strictObject({
  title: caseFields.title.optional(),
  internalRef: patchText(100),
  courtNumbers: z.array(CourtNumberSchema).max(50).optional(),
  categoryId: IdSchema.nullable().optional(),
  status: CaseStatusSchema.optional(),
  stage: patchText(100),
  openedOn: IsoDaySchema.nullable().optional(),
  closedOn: IsoDaySchema.nullable().optional(),
  summary: longText(20_000).optional(),
  tags: z.array(TagSchema).max(50).optional(),
});
export type CasePatch = z.input<typeof CasePatchSchema>;

export const CaseSchema = z.strictObject({
  id: IdSchema,
  title: z.string(),
  internalRef: z.string().nullable(),
  courtNumbers: z.array(z.strictObject({ number: z.string(), body: z.string().nullable() })),
  categoryId: z.string().nullable(),
  status: CaseStatusSchema,
  stage: z.string().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  summary: z.string(),
  tags: z.array(z.string()),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Case = z.infer<typeof CaseSchema>;

/** A row of the case list: everything but the (possibly long) summary. */
export const CaseSummarySchema = CaseSchema.omit({ summary: true });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CASE_SORTS = ['updated', 'title', 'opened', 'reference'] as const;
export const CaseListQuerySchema = z.strictObject({
  /** Matched case-insensitively (Cyrillic too, ё = е) against title, internal reference and court numbers. */
  query: z.string().max(200).default(''),
  status: z.array(CaseStatusSchema).max(3).optional(),
  categoryId: IdSchema.optional(),
  stage: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  sort: z.enum(CASE_SORTS).default('updated'),
  limit: z.number().int().min(1).max(10_000).default(500),
  offset: z.number().int().min(0).default(0),
});
export type CaseListQuery = z.input<typeof CaseListQuerySchema>;
export const CaseListSchema = z.strictObject({ total: z.number().int(), items: z.array(CaseSummarySchema) });
export type CaseList = z.infer<typeof CaseListSchema>;

const Facet = z.strictObject({ value: z.string(), count: z.number().int() });
export const CaseFacetsSchema = z.strictObject({ stages: z.array(Facet), tags: z.array(Facet) });
export type CaseFacets = z.infer<typeof CaseFacetsSchema>;

import { z } from 'zod';
import { IdSchema, longText, optionalDay, optionalText, patchText, requiredText, TimestampSchema } from './common';
import { IsoDaySchema, PartialDateSchema } from './partial-date';

export const CONTACT_KINDS = ['phone', 'email', 'address', 'messenger', 'other'] as const;
export const ContactSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  value: requiredText(300, 'Enter the contact'),
  label: optionalText(100),
});
export type Contact = z.output<typeof ContactSchema>;
const ContactOut = z.strictObject({ kind: z.enum(CONTACT_KINDS), value: z.string(), label: z.string().nullable() });

const personFields = {
  /** The name in its original script, e.g. "Азимжан Аскаров". */
  name: requiredText(200, 'Enter a name'),
  /** Latin transliteration as used in international filings. */
  nameTranslit: optionalText(200),
  birth: PartialDateSchema.nullable().optional().transform((v) => v ?? null),
  /** When only an age is known ("about 34"), with the day it was recorded. */
  age: z.number().int().min(0).max(130).nullable().optional().transform((v) => v ?? null),
  ageAsOf: optionalDay,
  death: PartialDateSchema.nullable().optional().transform((v) => v ?? null),
  contacts: z.array(ContactSchema).max(30).default([]),
  notes: longText(20_000).default(''),
};
export const PersonInputSchema = z.strictObject(personFields);
export type PersonInput = z.input<typeof PersonInputSchema>;
export const PersonPatchSchema = z.strictObject({
  name: personFields.name.optional(),
  nameTranslit: patchText(200),
  birth: PartialDateSchema.nullable().optional(),
  age: z.number().int().min(0).max(130).nullable().optional(),
  ageAsOf: IsoDaySchema.nullable().optional(),
  death: PartialDateSchema.nullable().optional(),
  contacts: z.array(ContactSchema).max(30).optional(),
  notes: longText(20_000).optional(),
});
export type PersonPatch = z.input<typeof PersonPatchSchema>;

export const PersonSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  nameTranslit: z.string().nullable(),
  birth: PartialDateSchema.nullable(),
  age: z.number().int().nullable(),
  ageAsOf: z.string().nullable(),
  death: PartialDateSchema.nullable(),
  contacts: z.array(ContactOut),
  notes: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Person = z.infer<typeof PersonSchema>;

export const PersonListQuerySchema = z.strictObject({
  query: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(10_000).default(500),
  offset: z.number().int().min(0).default(0),
});
export const PersonListSchema = z.strictObject({ total: z.number().int(), items: z.array(PersonSchema) });

// --- Roles: a person's part in one case ------------------------------------------------------------

export const ROLES = [
  'client',
  'victim',
  'family_representative',
  'witness',
  'alleged_perpetrator',
  'lawyer',
  'co_counsel',
  'judge',
  'prosecutor',
  'investigator',
  'expert',
  'interpreter',
] as const;
export const RoleKindSchema = z.enum(ROLES);
export type RoleKind = z.infer<typeof RoleKindSchema>;
/** How sure the identification of an alleged perpetrator is. */
export const IDENTIFICATIONS = ['named', 'described', 'unknown'] as const;

const roleFields = {
  role: RoleKindSchema,
  /** The person this one acts for in the case, e.g. a father representing his son who died. */
  representsPersonId: IdSchema.nullable().optional().transform((v) => v ?? null),
  rankUnit: optionalText(200),
  identification: z.enum(IDENTIFICATIONS).nullable().optional().transform((v) => v ?? null),
  description: optionalText(2000),
  since: optionalDay,
  until: optionalDay,
};
export const RoleInputSchema = z.strictObject({ caseId: IdSchema, personId: IdSchema, ...roleFields });
export type RoleInput = z.input<typeof RoleInputSchema>;
export const RolePatchSchema = z.strictObject({
  role: RoleKindSchema.optional(),
  representsPersonId: IdSchema.nullable().optional(),
  rankUnit: patchText(200),
  identification: z.enum(IDENTIFICATIONS).nullable().optional(),
  description: patchText(2000),
  since: IsoDaySchema.nullable().optional(),
  until: IsoDaySchema.nullable().optional(),
});
export type RolePatch = z.input<typeof RolePatchSchema>;

export const RoleSchema = z.strictObject({
  id: IdSchema,
  caseId: IdSchema,
  personId: IdSchema,
  role: RoleKindSchema,
  representsPersonId: IdSchema.nullable(),
  rankUnit: z.string().nullable(),
  identification: z.enum(IDENTIFICATIONS).nullable(),
  description: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Role = z.infer<typeof RoleSchema>;

/** A party as the case overview shows it: role, person, and who acts for them now. */
export const PartySchema = z.strictObject({
  role: RoleSchema,
  person: PersonSchema,
  deceased: z.boolean(),
  representedBy: z.array(z.strictObject({ personId: IdSchema, name: z.string(), roleId: IdSchema, role: RoleKindSchema })),
});
export type Party = z.infer<typeof PartySchema>;

/**
 * The sections a new bundle starts with, in English (the bundle engine words them in other languages).
 * Apart from shared/schemas/bundle.ts, which re-exports them, so the engine need not load zod to read them.
 */
export const DEFAULT_SECTION_TITLES = [
  'Pleadings and orders',
  'Witness statements',
  'Expert and medical reports',
  'Correspondence and other documents',
] as const;

/**
 * Folds text for case-insensitive search in any script. SQLite's LOWER() and LIKE fold ASCII only,
 * so "ПЫТКИ" would not find "пытки"; the services store this folded copy and search it instead.
 * ё is folded to е because Russian writes them interchangeably.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so a search for "100%" means the characters, not a pattern. */
export function likeContains(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

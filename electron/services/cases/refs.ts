import type { ReadDb } from '../../db/connection';
import { invalid } from './context';

/**
 * Checks of ids a request refers to. A dangling reference is the user's input to fix, so it is a
 * VALIDATION error naming the field (the CLI exits 2), not an internal failure.
 */
export function requireCase(db: ReadDb, caseId: string, field = 'caseId'): void {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw invalid(field, 'No such case');
}

export function requirePerson(db: ReadDb, personId: string, field = 'personId'): void {
  if (!db.prepare('SELECT 1 FROM persons WHERE id = ?').get(personId)) throw invalid(field, 'No such person');
}

export function requireProceeding(db: ReadDb, proceedingId: string, caseId: string, field = 'proceedingId'): void {
  const row = db.prepare('SELECT case_id FROM proceedings WHERE id = ?').get(proceedingId) as { case_id: string } | undefined;
  if (!row) throw invalid(field, 'No such proceeding');
  if (row.case_id !== caseId) throw invalid(field, 'That proceeding belongs to another case');
}

export function requireCategory(db: ReadDb, categoryId: string, field = 'categoryId'): void {
  if (!db.prepare('SELECT 1 FROM categories WHERE id = ?').get(categoryId)) throw invalid(field, 'No such category');
}

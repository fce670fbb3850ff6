import { NoteInputSchema, NotePatchSchema, type Note, type NoteInput } from '../../../shared/schemas/note';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { ReadDb } from '../../db/connection';
import { applyPatch, changedFields, notFound, type CaseWorkContext } from './context';
import { RecordBin } from './record-bin';
import { requireCase } from './refs';
import { toNote, type NoteRow } from './rows';
import { prep } from '../../db/statements';

function getNote(db: ReadDb, id: string): Note {
  const row = prep(db, 'SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
  if (!row) throw notFound('note');
  return toNote(row);
}

/** Markdown notes per case, stored exactly as typed; rendering (with raw HTML off) is the renderer's job. */
export class NoteService {
  constructor(private readonly ctx: CaseWorkContext) {}

  list(caseId: string): Note[] {
    const db = this.ctx.read();
    requireCase(db, caseId);
    return (prep(db, 'SELECT * FROM notes WHERE case_id = ? ORDER BY updated_at DESC, id').all(caseId) as NoteRow[]).map(toNote);
  }

  get(id: string): Note {
    return getNote(this.ctx.read(), id);
  }

  create(input: NoteInput | unknown): Note {
    const v = parseOrThrow(NoteInputSchema, input, 'note');
    return this.ctx.writer.write(({ db, record, at }) => {
      requireCase(db, v.caseId);
      const n: Note = { id: this.ctx.newId(), ...v, createdAt: at, updatedAt: at };
      prep(db, 'INSERT INTO notes (id, case_id, title, body, created_at, updated_at) VALUES (@id, @caseId, @title, @body, @createdAt, @updatedAt)').run(n);
      record({ action: 'note.create', entityType: 'note', entityId: n.id, caseId: n.caseId });
      return n;
    });
  }

  update(id: string, patch: unknown): Note {
    const v = parseOrThrow(NotePatchSchema, patch, 'note');
    return this.ctx.writer.write(({ db, record, at }) => {
      const before = getNote(db, id);
      const after = applyPatch(before, v as Partial<Note>);
      const fields = changedFields(before, after, ['title', 'body']);
      if (!fields.length) return before;
      after.updatedAt = at;
      prep(db, 'UPDATE notes SET title = @title, body = @body, updated_at = @updatedAt WHERE id = @id').run(after);
      record({ action: 'note.update', entityType: 'note', entityId: id, caseId: after.caseId, detail: { fields } });
      return after;
    });
  }

  /** Undoable: the note waits in the record bin (`records.restore`). */
  delete(id: string): void {
    new RecordBin(this.ctx).remove('note', id);
  }
}

import type { Migration } from './migration';

/**
 * OCR of photos and scans. `text_ocr` marks text that was recognised from an image (it may contain misread
 * words). Photos, and PDFs without a text layer (scans), imported before OCR existed were marked 'none'; they go
 * back to 'pending' so the background job reads them. Depends on 003 (documents).
 */
export const m006Ocr: Migration = {
  version: 6,
  name: 'ocr',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN text_ocr INTEGER NOT NULL DEFAULT 0;
      UPDATE documents SET text_status = 'pending', text_error = NULL WHERE kind IN ('png', 'jpeg', 'pdf') AND text_status = 'none';
    `);
  },
};

import { SaktaError } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';
import type { DocumentService } from '../../services/documents/document-service';
import type { MediaStreams } from '../../services/media/media-streams';

type ViewerHandlers = Pick<Handlers, 'viewer.read' | 'viewer.media'>;

/** Slices of a document's plaintext for the viewer; decrypts only the chunks the slice touches. */
export function viewerHandlers(documents: DocumentService, media: MediaStreams): ViewerHandlers {
  return {
    // Only for a document opened with `documents.open` (its view in custody); the stream itself is recorded too.
    'viewer.media': async (r) => {
      documents.assertOpened(r.id);
      const token = media.grant(r.id);
      documents.recordMediaStream(r.id);
      return { src: `media/${token}` };
    },
    'viewer.read': async (r) => {
      documents.assertOpened(r.id);
      const doc = documents.get(r.id);
      if (doc.deletedAt) throw new SaktaError('NOT_FOUND', 'That document is in the trash; restore it to open it.');
      const start = Math.min(r.start, doc.size);
      const end = Math.min(start + r.length, doc.size);
      const parts: Buffer[] = [];
      if (end > start) for await (const p of documents.stream(r.id, { start, end })) parts.push(p);
      const bytes = Buffer.concat(parts);
      const base64 = bytes.toString('base64');
      bytes.fill(0);
      return { size: doc.size, start, base64 };
    },
  };
}

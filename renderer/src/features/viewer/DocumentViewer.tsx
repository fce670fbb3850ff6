import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { isApiError, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { formatSize } from '../../lib/sizes';
import { ImageFrameView, RecordingFrameView } from './MediaFrameView';
import { PdfView } from './PdfView';
import { readDocumentBytes, VIEWER_MEMORY_CAP } from './read-bytes';

const IMAGE_KINDS = new Set(['png', 'jpeg', 'gif', 'webp']);
const MEDIA_KINDS = new Set(['mp4', 'webm', 'mp3', 'wav', 'ogg', 'm4a']);
const TEXT_LIMIT = 2 * 1024 * 1024;

type Mode = 'pdf' | 'image' | 'text' | 'media' | 'none';
function modeOf(doc: DocumentInfo): Mode {
  if (doc.kind === 'pdf') return 'pdf';
  if (IMAGE_KINDS.has(doc.kind)) return 'image';
  if (doc.kind === 'text') return 'text';
  if (MEDIA_KINDS.has(doc.kind)) return 'media';
  return 'none';
}

/**
 * Shows a document decrypted in memory only. The kind comes from the sniffed content, never the name.
 * Nothing a document holds is parsed in this page but plain text (as a text node): PDFs are drawn in the PDF
 * frame's origin, images, audio and video decoded in the media frame's (both without the preload or network).
 */
/** `highlight`: the words of a search hit being opened (a PDF marks them and opens where they are). */
export function DocumentViewer({ doc, highlight }: { doc: DocumentInfo; highlight?: string }) {
  const { t, i18n } = useTranslation();
  const mode = modeOf(doc);
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const tooLarge = (mode === 'pdf' || mode === 'image') && doc.size > VIEWER_MEMORY_CAP;
  const needsBytes = (mode === 'pdf' || mode === 'image' || mode === 'text') && !tooLarge;

  useEffect(() => {
    if (!needsBytes) return;
    const ctl = new AbortController();
    setBytes(null);
    setError(null);
    readDocumentBytes(doc.id, doc.size, { limit: mode === 'text' ? TEXT_LIMIT : undefined, signal: ctl.signal }).then(
      (b) => !ctl.signal.aborted && setBytes(b),
      (e: unknown) => !ctl.signal.aborted && isApiError(e) && setError(e),
    );
    return () => ctl.abort();
  }, [doc.id, doc.size, mode, needsBytes]);

  if (doc.deletedAt) return <Notice kind="info">{t('documents.viewer.trashed')}</Notice>;
  if (tooLarge) return <Notice kind="info">{t('documents.viewer.tooLarge', { size: formatSize(t, doc.size, i18n.language) })}</Notice>;
  if (mode === 'media') return <RecordingFrameView key={doc.id} doc={doc} />;
  if (mode === 'none') return <Notice kind="info">{t('documents.viewer.noPreview')}</Notice>;
  if (error) return <Notice kind="error">{errorText(t, error)}</Notice>;
  if (!bytes) return <p className="busy">{t('documents.viewer.loading')}</p>;
  if (mode === 'pdf') return <PdfView bytes={bytes} title={doc.title} highlight={highlight} doc={doc} />;
  if (mode === 'image') return <ImageFrameView key={doc.id} bytes={bytes} mime={doc.mime} title={doc.title} doc={doc} />;
  return <TextView bytes={bytes} truncated={doc.size > TEXT_LIMIT} />;
}

/** Text goes into a text node: React escapes it, so markup in a file shows as characters. */
function TextView({ bytes, truncated }: { bytes: Uint8Array; truncated: boolean }) {
  const { t, i18n } = useTranslation();
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return (
    <div className="text-view">
      {truncated ? <Notice kind="info">{t('documents.viewer.textTruncated', { size: formatSize(t, TEXT_LIMIT, i18n.language) })}</Notice> : null}
      <pre data-testid="text-view">{text}</pre>
    </div>
  );
}

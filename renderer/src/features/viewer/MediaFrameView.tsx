import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FRAME_IMAGE_MIMES,
  FromMediaFrameSchema,
  IMAGE_SHOW_BUDGET_MS,
  MEDIA_LOAD_BUDGET_MS,
  type FromMediaFrame,
  type ToMediaFrame,
} from '../../../../shared/media-frame';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { call, isApiError, mediaFrameUrl, type ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import type { RedactionMark } from '../../../../shared/schemas/redaction';
import { RedactPanel } from './RedactPanel';
import { useIsolatedFrame, type FrameSend } from './use-isolated-frame';

/*
 * Images, audio and video are decoded in an iframe of a third origin that has no preload, no API and no network
 * (renderer/src/media-frame): this page never makes an <img>, <audio> or <video> of a document's bytes. It keeps
 * the toolbar, hands the frame what it needs and listens, in the frame protocol's shapes (shared/media-frame.ts),
 * to that one iframe's window at that one origin only.
 *
 * - An image: the bytes this page read with `viewer.read` are transferred into the frame.
 * - A recording: the frame is given a `viewer.media` token only and plays `media/<token>` from its own origin,
 *   where the main process decrypts just the ranges the player asks for (seeking near the end decrypts only
 *   what is played; the token dies at lock).
 */

/** The media frame's channel: the one isolated-frame handshake, in this frame's protocol. */
function useMediaFrame(onMessage: (m: FromMediaFrame, send: FrameSend<ToMediaFrame>) => void, active: boolean) {
  const src = mediaFrameUrl();
  return { src, ...useIsolatedFrame<FromMediaFrame, ToMediaFrame>(src, FromMediaFrameSchema, onMessage, active) };
}

/** Waits `ms` for `done`; calls `onLate` if it has not come by then (a decoder that hangs, a frame that never loads). */
function useWatchdog(done: boolean, ms: number, onLate: () => void, active = true): void {
  const late = useRef(onLate);
  late.current = onLate;
  useEffect(() => {
    if (done || !active) return;
    const timer = window.setTimeout(() => late.current(), ms);
    return () => clearTimeout(timer);
  }, [done, ms, active]);
}

interface ZoomState {
  percent: number;
  fit: boolean;
  canZoomIn: boolean;
  canZoomOut: boolean;
}

type ImageFailure = { reason: 'invalid' | 'slow' } | { reason: 'large'; width: number; height: number };

/** A photo or scan: zoom (−, +, fit, 100 %) from the toolbar; drag, scroll, Ctrl+wheel and double-click in the frame. */
export function ImageFrameView({ bytes, mime, title, doc }: { bytes: Uint8Array; mime: string; title: string; doc?: DocumentInfo }) {
  const { t } = useTranslation();
  const label = t('documents.viewer.imageAlt', { title });
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [zoom, setZoom] = useState<ZoomState | null>(null);
  const [failed, setFailed] = useState<ImageFailure | null>(null);
  const sent = useRef(false);
  // Redact mode: the frame reports dragged areas (pixel coordinates only); kept here until "Make".
  const [redacting, setRedacting] = useState(false);
  const [marks, setMarks] = useState<RedactionMark[]>([]);
  const redactable = doc && (doc.kind === 'jpeg' || doc.kind === 'png');

  const { frameRef, src, send } = useMediaFrame((m, send) => {
    if (m.type === 'ready' && !sent.current) {
      sent.current = true;
      const type = FRAME_IMAGE_MIMES.find((x) => x === mime);
      if (!type) return setFailed({ reason: 'invalid' });
      // A copy for the frame, transferred: the caller's bytes stay valid for a re-mount, nothing is shared.
      const copy = bytes.slice();
      send({ type: 'image', bytes: copy.buffer, mime: type, label }, [copy.buffer]);
    } else if (m.type === 'image') setSize({ width: m.width, height: m.height });
    else if (m.type === 'zoom') setZoom({ percent: m.percent, fit: m.fit, canZoomIn: m.canZoomIn, canZoomOut: m.canZoomOut });
    else if (m.type === 'failed') setFailed(m.reason === 'large' ? { reason: 'large', width: m.width ?? 0, height: m.height ?? 0 } : { reason: 'invalid' });
    else if (m.type === 'mark') setMarks((list) => [...list, { page: 1, x: m.x, y: m.y, w: m.w, h: m.h }]);
  }, !failed);
  useEffect(() => {
    if (size === null) return;
    send({ type: 'redact', on: redacting, marks: marks.map(({ x, y, w, h }) => ({ x, y, w, h })) });
  }, [redacting, marks, size, send]);
  useWatchdog(size !== null || failed !== null, IMAGE_SHOW_BUDGET_MS, () => setFailed({ reason: 'slow' }));

  const act = (action: 'in' | 'out' | 'fit' | 'actual') => send({ type: 'zoom', action });

  if (!src) return <Notice kind="error">{t('documents.viewer.imageFailed')}</Notice>;
  if (failed?.reason === 'large')
    return <Notice kind="error">{t('documents.viewer.imageTooLarge', { width: failed.width, height: failed.height })}</Notice>;
  if (failed) return <Notice kind="error">{t(failed.reason === 'slow' ? 'documents.viewer.imageSlow' : 'documents.viewer.imageFailed', { seconds: IMAGE_SHOW_BUDGET_MS / 1000 })}</Notice>;
  const ready = size !== null && zoom !== null;
  return (
    <div className="image-view" data-testid="image-frame-view" data-shown={ready ? 'true' : 'false'} data-zoom={zoom?.percent ?? ''} data-fit={zoom?.fit ? 'true' : 'false'}>
      <div className="viewer-toolbar" role="toolbar" aria-label={title}>
        {ready ? (
          <>
            <button type="button" className="button-quiet viewer-tool" onClick={() => act('out')} disabled={!zoom.canZoomOut} aria-label={t('documents.viewer.zoomOut')} title={t('documents.viewer.zoomOut')}>
              −
            </button>
            <span className="viewer-zoom" aria-live="polite">
              {t('documents.viewer.zoomLevel', { percent: Math.max(1, Math.round(zoom.percent)) })}
            </span>
            <button type="button" className="button-quiet viewer-tool" onClick={() => act('in')} disabled={!zoom.canZoomIn} aria-label={t('documents.viewer.zoomIn')} title={t('documents.viewer.zoomIn')}>
              +
            </button>
            <span className="viewer-toolbar-gap" />
            <button type="button" className="button-quiet" onClick={() => act('fit')} aria-pressed={zoom.fit}>
              {t('documents.viewer.fitImage')}
            </button>
            <button type="button" className="button-quiet" onClick={() => act('actual')} aria-pressed={!zoom.fit && zoom.percent === 100}>
              {t('documents.viewer.actualSize')}
            </button>
            <span className="viewer-toolbar-fill" />
            <span className="viewer-meta">{t('documents.viewer.imageSize', { width: size.width, height: size.height })}</span>
            {redactable ? (
              <button type="button" className="button-quiet" aria-pressed={redacting} onClick={() => setRedacting((r) => !r)} data-testid="redact-toggle">
                {redacting ? t('documents.redaction.close') : t('documents.redaction.button')}
              </button>
            ) : null}
          </>
        ) : (
          <span className="busy">{t('documents.viewer.loading')}</span>
        )}
      </div>
      {redactable && redacting ? <RedactPanel doc={doc} kind="image" marks={marks} onClear={() => setMarks([])} /> : null}
      <iframe
        ref={frameRef}
        className="media-frame media-frame-image"
        src={src}
        title={t('documents.viewer.imageFrameTitle', { title })}
        // Its own origin already keeps it from the app; the sandbox also takes away popups, forms,
        // top-level navigation, downloads and modal dialogs.
        sandbox="allow-scripts allow-same-origin"
        referrerPolicy="no-referrer"
      />
      <p className="viewer-hint">{t('documents.viewer.panHint')}</p>
    </div>
  );
}

/**
 * Audio or video: played inside the frame from `media/<token>` of the frame's origin. Opening the page already
 * recorded the view (`documents.open`); `viewer.media` records the stream and grants the token.
 */
export function RecordingFrameView({ doc }: { doc: DocumentInfo }) {
  const { t } = useTranslation();
  const kind = doc.mime.startsWith('audio/') ? 'audio' : 'video';
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loaded, setLoaded] = useState<{ width: number; height: number } | null>(null);
  const [unplayable, setUnplayable] = useState(false);
  const label = doc.title;
  const sent = useRef(false);

  useEffect(() => {
    let live = true;
    call('viewer.media', { id: doc.id }).then(
      (r) => live && setToken(r.src.slice('media/'.length)),
      (e: unknown) => live && isApiError(e) && setError(e),
    );
    return () => {
      live = false;
    };
  }, [doc.id]);

  const { frameRef, src } = useMediaFrame((m, send) => {
    if (m.type === 'ready' && token && !sent.current) {
      sent.current = true;
      send({ type: 'stream', kind, token, label });
    } else if (m.type === 'stream') setLoaded({ width: m.width, height: m.height });
    else if (m.type === 'failed') setUnplayable(true);
  }, token !== null && !unplayable);
  useWatchdog(loaded !== null || unplayable, MEDIA_LOAD_BUDGET_MS, () => setUnplayable(true), token !== null);

  if (error) return <Notice kind="error">{errorText(t, error)}</Notice>;
  if (unplayable || !src) return <Notice kind="error">{t('documents.viewer.mediaFailed')}</Notice>;
  if (!token) return <p className="busy">{t('documents.viewer.loading')}</p>;
  // A video's frame takes the picture's proportions, at most about three quarters of the window's height.
  const ratio = kind === 'video' && loaded && loaded.width > 0 && loaded.height > 0 ? loaded.width / loaded.height : 16 / 9;
  const style = kind === 'video' ? { aspectRatio: String(ratio), width: `min(100%, calc(72vh * ${ratio.toFixed(4)}))` } : undefined;
  return (
    <div className="media-view" data-testid="media-frame-view" data-kind={kind} data-loaded={loaded ? 'true' : 'false'}>
      <iframe
        ref={frameRef}
        className={`media-frame media-frame-${kind}`}
        src={src}
        title={t('documents.viewer.mediaFrameTitle', { title: doc.title })}
        sandbox="allow-scripts allow-same-origin"
        referrerPolicy="no-referrer"
        style={style}
      />
      <p className="media-note">{t('documents.viewer.mediaNote')}</p>
    </div>
  );
}

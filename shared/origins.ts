/**
 * Where the app's pages live inside Electron. Pure constants, shared by the main process (which
 * serves and guards them) and the preload (which tells the renderer where the viewer frames are).
 *
 * The PDF viewer and the media viewer are origins of their own on purpose: a document's content is
 * parsed, decoded and drawn there, with no preload and no way to reach `window.sakta` of the app's origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sakta';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const PDF_FRAME_HOST = 'pdfview';
export const PDF_FRAME_ORIGIN = `${APP_SCHEME}://${PDF_FRAME_HOST}`;
/** The only page the PDF frame's origin serves (with its own scripts under /assets/). */
export const PDF_FRAME_PAGE = '/pdf-frame.html';

/** Images, audio and video are decoded and shown on this origin (a third one), never in the app page. */
export const MEDIA_FRAME_HOST = 'mediaview';
export const MEDIA_FRAME_ORIGIN = `${APP_SCHEME}://${MEDIA_FRAME_HOST}`;
/** The only page the media frame's origin serves (besides /assets/ and the media streams below). */
export const MEDIA_FRAME_PAGE = '/media-frame.html';

/**
 * Audio and video stream from the media frame's origin under this path: `media/<capability token>`. The app's
 * own origin serves no media: its page never plays a document.
 */
export const MEDIA_PATH_PREFIX = '/media/';

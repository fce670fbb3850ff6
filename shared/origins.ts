/**
 * Where the app's pages live inside Electron. Pure constants, shared by the main process (which
 * serves and guards them) and the preload (which tells the renderer where the PDF frame is).
 *
 * The PDF viewer is a second origin on purpose: a document's content is parsed and drawn there,
 * with no preload and no way to reach `window.sakta` of the app's origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sakta';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const PDF_FRAME_HOST = 'pdfview';
export const PDF_FRAME_ORIGIN = `${APP_SCHEME}://${PDF_FRAME_HOST}`;
/** The only page the PDF frame's origin serves (with its own scripts under /assets/). */
export const PDF_FRAME_PAGE = '/pdf-frame.html';

/** Audio and video stream from the app's origin under this path: `media/<capability token>`. */
export const MEDIA_PATH_PREFIX = '/media/';

import type { SniffedKind } from '../../../shared/schemas/document';

/** How many leading bytes `sniff` wants; enough to see a DOCX's part names in its first zip entries. */
export const SNIFF_BYTES = 64 * 1024;

const MIME: Record<SniffedKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  text: 'text/plain',
  binary: 'application/octet-stream',
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

/** Plain text if it decodes as UTF-8 or UTF-16 with a BOM, or is mostly printable single-byte text (CP1251). */
function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return true;
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true;
  let control = 0;
  for (const x of b) if (x === 0 || (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x1b)) control++;
  if (control > 0) return false;
  return true;
}

/**
 * The content's type from its first bytes. The extension is never consulted: a lawyer receives
 * files renamed by phones, messengers and adversaries alike.
 */
export function sniff(head: Uint8Array): { kind: SniffedKind; mime: string } {
  const kind = sniffKind(head);
  return { kind, mime: MIME[kind] };
}

function sniffKind(b: Uint8Array): SniffedKind {
  // PDF readers accept the header anywhere in the first KiB; so do we.
  if (ascii(b, 0, Math.min(b.length, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'wav';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    return brand === 'M4A ' || brand === 'M4B ' ? 'm4a' : 'mp4';
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm'; // Matroska/WebM (EBML)
  if (ascii(b, 0, 4) === 'OggS') return 'ogg';
  if (ascii(b, 0, 3) === 'ID3' || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return 'mp3';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return ascii(b, 0, b.length).includes('word/') ? 'docx' : 'zip';
  if (looksLikeText(b)) return 'text';
  return 'binary';
}

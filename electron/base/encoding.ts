export const b64 = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
export const fromB64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
export const hex = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex');
export const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
/** Passphrases are normalised to NFC so the same words typed on another keyboard or OS unlock the vault. */
/**
 * A passphrase as NFC UTF-8 in a buffer of its own, which the caller zeroes. Not Buffer.from(string): for
 * short strings that returns a slice of Node's shared 8 KiB pool, and copying out of it (as utf8() does)
 * would leave a second, never-zeroed copy in the pool.
 */
export const passphraseBytes = (s: string): Uint8Array => {
  const nfc = s.normalize('NFC');
  const out = Buffer.alloc(Buffer.byteLength(nfc, 'utf8'));
  out.write(nfc, 'utf8');
  return out;
};

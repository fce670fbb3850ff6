/**
 * The plaintext inside a sealed segment or envelope: `u32le bodyLength | body | signature(64) | zero padding`.
 * The padding makes the whole file a bucket size; being inside the AEAD, it is authenticated like the rest.
 */
export const SIGNATURE_BYTES = 64;

export function frame(body: Uint8Array, signature: Uint8Array, plainLength: number): Uint8Array {
  const out = new Uint8Array(plainLength);
  new DataView(out.buffer).setUint32(0, body.byteLength, true);
  out.set(body, 4);
  out.set(signature, 4 + body.byteLength);
  return out;
}

export function framedLength(bodyLength: number): number {
  return 4 + bodyLength + SIGNATURE_BYTES;
}

/** Body and signature, or null when the lengths do not add up or the padding is not all zeros. */
export function unframe(plain: Uint8Array): { body: Uint8Array; signature: Uint8Array } | null {
  if (plain.byteLength < 4 + SIGNATURE_BYTES) return null;
  const len = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0, true);
  const end = 4 + len + SIGNATURE_BYTES;
  if (end > plain.byteLength) return null;
  for (let i = end; i < plain.byteLength; i++) if (plain[i] !== 0) return null;
  return { body: plain.subarray(4, 4 + len), signature: plain.subarray(4 + len, end) };
}

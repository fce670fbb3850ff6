import { OfferFileSchema } from '../../../shared/schemas/sharing';
import { b64, fromB64, utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import { deviceIdOf, SIGN_TAG, signedMessage } from './device-keys';
import { parseJsonBody } from './json-body';

/** An offer as read from the folder: its keys, and whether its own signature holds. */
export interface ParsedOffer {
  deviceId: string;
  signPublic: Uint8Array;
  boxPublic: Uint8Array;
  signatureValid: boolean;
}

/** An offer is small; anything bigger is not one. */
const MAX_OFFER_BYTES = 4096;

const offerMessage = (signPublic: Uint8Array, boxPublic: Uint8Array) => signedMessage(SIGN_TAG.offer, Buffer.concat([signPublic, boxPublic]));

/** A pairing offer: public keys only, self-signed (proof that its maker holds the signing key). */
export function makeOffer(crypto: Crypto, signPublic: Uint8Array, boxPublic: Uint8Array, signSecret: Uint8Array): Uint8Array {
  const signature = crypto.signDetached(offerMessage(signPublic, boxPublic), signSecret);
  return utf8(JSON.stringify({ v: 1, signPublic: b64(signPublic), boxPublic: b64(boxPublic), signature: b64(signature) }) + '\n');
}

/** null when the file is not an offer at all; otherwise its keys and whether its signature verifies. */
export function parseOffer(crypto: Crypto, bytes: Uint8Array): ParsedOffer | null {
  if (bytes.byteLength > MAX_OFFER_BYTES) return null;
  const data = parseJsonBody(bytes, OfferFileSchema);
  if (!data) return null;
  const signPublic = fromB64(data.signPublic);
  const boxPublic = fromB64(data.boxPublic);
  const signatureValid = crypto.signVerifyDetached(fromB64(data.signature), offerMessage(signPublic, boxPublic), signPublic);
  return { deviceId: deviceIdOf(crypto, signPublic, boxPublic), signPublic, boxPublic, signatureValid };
}

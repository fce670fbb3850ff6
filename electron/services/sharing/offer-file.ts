import { EngineContactSchema, OfferFileSchema, OfferFileV2Schema, type EngineContact } from '../../../shared/schemas/sharing';
import { b64, fromB64, utf8 } from '../../base/encoding';
import type { Crypto } from '../../crypto/types';
import { deviceIdOf, SIGN_TAG, signedMessage } from './device-keys';
import { parseJsonBody } from './json-body';

/** An offer as read from the folder: its keys, its Syncthing contact (version 2), and whether its own signature holds. */
export interface ParsedOffer {
  deviceId: string;
  signPublic: Uint8Array;
  boxPublic: Uint8Array;
  engine: EngineContact | null;
  signatureValid: boolean;
}

/** An offer is small; anything bigger is not one. */
const MAX_OFFER_BYTES = 4096;

/** Version 1 signs the keys; version 2 the keys and the Syncthing contact under its own tag (no v1 signature fits a v2 offer). */
const offerMessage = (signPublic: Uint8Array, boxPublic: Uint8Array, engine: EngineContact | null) =>
  engine
    ? signedMessage(SIGN_TAG.offerEngine, Buffer.concat([signPublic, boxPublic, utf8(JSON.stringify({ device: engine.device, address: engine.address }))]))
    : signedMessage(SIGN_TAG.offer, Buffer.concat([signPublic, boxPublic]));

/** A pairing offer: public keys (and, when given, the Syncthing contact), self-signed (proof that its maker holds the signing key). */
export function makeOffer(crypto: Crypto, signPublic: Uint8Array, boxPublic: Uint8Array, signSecret: Uint8Array, engine: EngineContact | null = null): Uint8Array {
  const contact = engine && EngineContactSchema.parse(engine);
  const signature = crypto.signDetached(offerMessage(signPublic, boxPublic, contact), signSecret);
  const body = contact
    ? { v: 2, signPublic: b64(signPublic), boxPublic: b64(boxPublic), engine: contact, signature: b64(signature) }
    : { v: 1, signPublic: b64(signPublic), boxPublic: b64(boxPublic), signature: b64(signature) };
  return utf8(JSON.stringify(body) + '\n');
}

/** null when the file is not an offer at all; otherwise its keys and whether its signature verifies. */
export function parseOffer(crypto: Crypto, bytes: Uint8Array): ParsedOffer | null {
  if (bytes.byteLength > MAX_OFFER_BYTES) return null;
  // Version 1 (keys only) is still read; version 2 adds this device's Syncthing contact under the signature.
  const v1 = parseJsonBody(bytes, OfferFileSchema);
  const v2 = v1 ? null : parseJsonBody(bytes, OfferFileV2Schema);
  const data = v1 ? { ...v1, engine: null } : v2;
  if (!data) return null;
  const signPublic = fromB64(data.signPublic);
  const boxPublic = fromB64(data.boxPublic);
  const signatureValid = crypto.signVerifyDetached(fromB64(data.signature), offerMessage(signPublic, boxPublic, data.engine), signPublic);
  return { deviceId: deviceIdOf(crypto, signPublic, boxPublic), signPublic, boxPublic, engine: data.engine, signatureValid };
}

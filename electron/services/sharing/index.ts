import type { BlobStore } from '../../blobs/blob-store';
import type { Crypto } from '../../crypto/types';
import type { ChangeWriter } from '../changes/change-writer';
import type { VaultSession } from '../vault-service';
import { BlobCourier } from './blob-courier';
import { DeviceIdentity } from './identity';
import { Membership } from './membership';
import { Pairing } from './pairing';
import { SegmentStore } from './segment-store';
import { Snapshots } from './snapshots';

export type { Segment } from './segment-store';
export type { Peer, RefusedOffer } from './pairing';
export type { ShareResult, ReceivedEnvelope } from './membership';
export type { PublicIdentity } from './identity';
export { safetyCode, deviceIdOf } from './device-keys';
export { sharedCases } from './case-keys';

export interface SharingDeps {
  crypto: Crypto;
  session: () => VaultSession;
  writer: ChangeWriter;
  blobs: BlobStore;
}

/** The sharing core of shared cases (docs/sync-folder.md): identity, pairing, members and keys, segments, stored files. */
export function createSharing(deps: SharingDeps) {
  const identity = new DeviceIdentity(deps.crypto);
  const pairing = new Pairing({ ...deps, identity });
  const membership = new Membership({ ...deps, identity, pairing });
  return {
    identity,
    pairing,
    membership,
    segments: new SegmentStore({ ...deps, identity }),
    snapshots: new Snapshots({ ...deps, identity }),
    courier: new BlobCourier(deps),
  };
}
export type Sharing = ReturnType<typeof createSharing>;

import crypto from 'node:crypto';
import { z } from 'zod';

/** A Syncthing device id as its REST API writes it: 8 groups of 7 base32 characters. */
export const DeviceIdSchema = z.string().regex(/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/, 'Not a Syncthing device id');

/** Sakta's folder ids: 20 random hex characters, naming nothing (not the case, not its members). */
export const FolderIdSchema = z.string().regex(/^[0-9a-f]{20}$/, 'Not a Sakta folder id');
export const newFolderId = (): string => crypto.randomBytes(10).toString('hex');

/** A listen address Syncthing accepts and that cannot break the config file: scheme://host:port. */
export const ListenAddressSchema = z.string().regex(/^(tcp|tcp4|tcp6|quic|quic4|quic6):\/\/[\w.:[\]-]+$/, 'Not a listen address such as tcp://0.0.0.0:22000');

/** Any folder id this daemon may hold (its own, or one a peer offered the office node): safe in a URL and a path. */
export const FolderRefSchema = z.string().regex(/^[\w-]{1,64}$/, 'Not a folder id');

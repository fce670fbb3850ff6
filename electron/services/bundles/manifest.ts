import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { ManifestSchema, type Manifest, type ManifestBody } from '../../../shared/schemas/bundle';
import type { Crypto } from '../../crypto/types';
import { b64, fromB64, utf8 } from '../../base/encoding';

/** JSON with keys sorted at every level: the bytes that are signed do not depend on how a file was pretty-printed. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const signedMessage = (body: ManifestBody) => utf8(`sakta-bundle-manifest|v1|${canonicalJson(body)}`);

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function signManifest(crypto: Crypto, body: ManifestBody, secretKey: Uint8Array): Manifest {
  return { body, signature: b64(crypto.signDetached(signedMessage(body), secretKey)) };
}

/** `court.pdf` → `court.manifest.json`; a volume `court-vol-2.pdf` shares its set's manifest. */
export function manifestPathFor(pdfPath: string): string {
  const dir = path.dirname(pdfPath);
  const base = path.basename(pdfPath).replace(/\.pdf$/i, '').replace(/-vol-\d+$/, '');
  return path.join(dir, `${base}.manifest.json`);
}

export interface VerifyReport {
  ok: boolean;
  file: string;
  manifest: string;
  signingPublicKey: string;
  /** Whether the signing key is the given vault's (null when no vault was given). */
  vaultKeyMatches: boolean | null;
  /** The manifest's signature verifies with the key it names. */
  signatureOk: boolean;
  /** The PDF's SHA-256 equals the manifest's entry for it; null when the manifest does not list it. */
  sha256Matches: boolean | null;
  problems: string[];
}

/**
 * Checks a bundle PDF against its manifest: the manifest's signature, then the PDF's SHA-256. With the
 * vault's public key (from its header, no passphrase needed) it also proves which case file signed it.
 */
export function verifyBundle(crypto: Crypto, pdfPath: string, opts: { manifestPath?: string; vaultPublicKey?: string } = {}): VerifyReport {
  const manifestPath = opts.manifestPath ?? manifestPathFor(pdfPath);
  let raw: string;
  let pdf: Buffer;
  try {
    pdf = fs.readFileSync(pdfPath);
  } catch {
    throw new SaktaError('NOT_FOUND', `Cannot read ${path.basename(pdfPath)}.`);
  }
  try {
    raw = fs.readFileSync(manifestPath, 'utf8');
  } catch {
    throw new SaktaError('NOT_FOUND', `No manifest found beside the bundle (looked for ${path.basename(manifestPath)}).`);
  }
  let manifest: Manifest;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error('schema');
    manifest = parsed.data;
  } catch {
    throw new SaktaError('INTEGRITY', `${path.basename(manifestPath)} is not a valid Sakta bundle manifest.`);
  }
  const problems: string[] = [];
  let sigOk = false;
  try {
    sigOk = crypto.signVerifyDetached(fromB64(manifest.signature), signedMessage(manifest.body), fromB64(manifest.body.signingPublicKey));
  } catch {
    sigOk = false;
  }
  if (!sigOk) problems.push('the manifest signature does not verify (the manifest was altered)');
  const name = path.basename(pdfPath);
  const entry = manifest.body.files.find((f) => f.name === name);
  const sha = sha256Hex(pdf);
  if (!entry) problems.push(`the manifest does not list ${name}`);
  else if (entry.sha256 !== sha) problems.push(`${name} differs from the bundle that was signed (SHA-256 mismatch)`);
  const vaultKeyMatches = opts.vaultPublicKey === undefined ? null : opts.vaultPublicKey === manifest.body.signingPublicKey;
  if (vaultKeyMatches === false) problems.push('the manifest was signed by a different vault');
  return {
    ok: problems.length === 0,
    file: pdfPath,
    manifest: manifestPath,
    signingPublicKey: manifest.body.signingPublicKey,
    vaultKeyMatches,
    signatureOk: sigOk,
    sha256Matches: entry ? entry.sha256 === sha : null,
    problems,
  };
}

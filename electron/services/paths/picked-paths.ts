import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import type { PickPurpose } from '../../../shared/schemas/picked';

/**
 * The main process owns every path. What the user picks in an OS dialog (or drops on the window) is kept
 * here and the renderer gets an opaque, one-time token and the file's name to show. Import, export, bundle
 * and backup requests carry tokens; a path typed by a compromised page names nothing, and a token drawn
 * for one purpose (a save dialog for a bundle) cannot be spent on another (an import).
 */
interface Picked {
  purpose: PickPurpose;
  path: string;
  expires: number;
}

/** Long enough for a lawyer to read a confirmation; short enough that a stale token is useless. */
const TTL_MS = 30 * 60_000;
/** A page that asks for dialogs in a loop cannot grow this without bound. */
const MAX_HELD = 5000;

export interface PickedFile {
  token: string;
  name: string;
}

export class PickedPaths {
  private readonly held = new Map<string, Picked>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers a path the user chose; returns the token that stands for it. */
  grant(purpose: PickPurpose, p: string): PickedFile {
    this.expire();
    if (this.held.size >= MAX_HELD) this.held.delete(this.held.keys().next().value as string);
    const token = randomBytes(32).toString('hex');
    this.held.set(token, { purpose, path: p, expires: this.now() + TTL_MS });
    return { token, name: path.basename(p) };
  }

  /** The path behind a token, once: the token is spent whether or not the operation then succeeds. */
  take(purpose: PickPurpose, token: string, field = 'token'): string {
    this.expire();
    const picked = this.held.get(token);
    if (!picked || picked.purpose !== purpose) {
      throw new SaktaError('VALIDATION', 'That file or folder was not chosen in a Sakta dialog (or was already used). Choose it again.', {
        [field]: 'not chosen in a dialog',
      });
    }
    this.held.delete(token);
    return picked.path;
  }

  /**
   * The path behind a token, leaving the token good: for a folder read several times in one task (pairing
   * scans the folder, then confirms a code from it). It still dies at its expiry and at lock.
   */
  peek(purpose: PickPurpose, token: string, field = 'token'): string {
    const p = this.take(purpose, token, field);
    this.held.set(token, { purpose, path: p, expires: this.now() + TTL_MS });
    return p;
  }

  /** Every token dies when the vault locks. */
  clear(): void {
    this.held.clear();
  }

  private expire(): void {
    const t = this.now();
    for (const [k, v] of this.held) if (v.expires <= t) this.held.delete(k);
  }
}

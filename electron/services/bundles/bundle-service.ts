import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { foldForSearch } from '../../../shared/search-fold';
import {
  BundleDefinitionSchema,
  DefinitionNameSchema,
  type BundleDefinition,
  type BundleCheck,
  type BundleLanguage,
  type BundlePreview,
  type ExportResult,
  type SavedDefinition,
} from '../../../shared/schemas/bundle';
import { parseOrThrow } from '../../../shared/zod-fields';
import type { Crypto } from '../../crypto/types';
import type { JobProgress } from '../../../shared/ipc/events';
import type { ChangeWriter } from '../changes/change-writer';
import type { Shell } from '../shell';
import type { VaultSession } from '../vault-service';
import { buildBundle } from './build-bundle';
import { manifestPathFor, sha256Hex, signManifest, verifyBundle } from './manifest';
import { loadFontBytes, locateFontDir, type FontBytes } from './pdf/fonts';
import { defaultDefinition } from './plan';
import type { BundleSource } from './source';
import { vaultSource } from './vault-source';
import { exportPlaintext } from '../exports/plaintext-export';
import { checkExportTarget } from '../paths/real-paths';
import { checkOutPath, volumePaths } from './write-output';

export interface BundleServiceDeps {
  session: () => VaultSession;
  crypto: Crypto;
  /** Decrypted bytes of a blob (the blob store's `open(id).readAll()`). */
  readBlob: (blobId: string) => Promise<Uint8Array>;
  fontDir?: string;
  /** The write path: saved definitions and export records run through it with their audit entries. */
  writer: ChangeWriter;
  /** Progress of exports, forwarded to the renderer as `job.progress` (kind "bundle"). */
  onProgress?: (p: JobProgress) => void;
  /** Replaces the vault adapter (tests of the engine, other front ends). */
  source?: (session: VaultSession) => BundleSource;
  /** Opens a written bundle or shows it in its folder (Electron's shell); none = refused (the CLI). */
  shell?: Shell;
}

/** "open": in its default application; "reveal": selected in its folder. */
export type OpenHow = 'open' | 'reveal';

/** What one export wrote, kept by `outputId` so the page can ask to open or check it without holding paths. */
interface Output {
  session: VaultSession;
  caseId: string;
  files: { path: string; volume: number }[];
  manifestPath: string;
}

/** A definition by value, or a saved one by id or name; none = every document in the default sections. */
export interface DefinitionRef {
  definition?: unknown;
  definitionId?: string;
  definitionName?: string;
  /** Overrides the definition's language for this build only (the CLI's --language); nothing is saved. */
  language?: BundleLanguage;
  /** Overrides the definition's `fitToPaper` for this build only (the CLI's --keep-page-size); nothing is saved. */
  fitToPaper?: boolean;
}

interface Row {
  id: string;
  case_id: string;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
}

export class BundleService {
  private readonly jobs = new Map<string, AbortController>();
  /** Bundles written in this unlocked session, by `outputId`; forgotten at lock (`forgetOutputs`). */
  private readonly outputs = new Map<string, Output>();
  private fonts: FontBytes | null = null;

  constructor(private readonly deps: BundleServiceDeps) {}

  private now(): Date {
    return this.deps.writer.now();
  }

  private source(s: VaultSession): BundleSource {
    return this.deps.source?.(s) ?? vaultSource({ db: s.db, readBlob: this.deps.readBlob });
  }

  private fontBytes(): FontBytes {
    this.fonts ??= loadFontBytes(locateFontDir(this.deps.fontDir));
    return this.fonts;
  }

  private requireCase(src: BundleSource, caseId: string) {
    const c = src.getCase(caseId);
    if (!c) throw new SaktaError('NOT_FOUND', 'That case does not exist.');
    return c;
  }

  /** All documents of the case in the four default sections: where the builder starts. */
  defaults(caseId: string, language?: BundleLanguage): BundleDefinition {
    const src = this.source(this.deps.session());
    return defaultDefinition(this.requireCase(src, caseId), src.listDocuments(caseId), language);
  }

  private toSaved(r: Row): SavedDefinition {
    let def: BundleDefinition;
    try {
      def = BundleDefinitionSchema.parse(JSON.parse(r.definition));
    } catch {
      throw new SaktaError('INTEGRITY', `The saved bundle "${r.name}" is malformed.`);
    }
    return { id: r.id, caseId: r.case_id, name: r.name, definition: def, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  listDefinitions(caseId: string): Omit<SavedDefinition, 'definition'>[] {
    const rows = this.deps.session().db.prepare('SELECT id, case_id, name, created_at, updated_at FROM bundle_definitions WHERE case_id = ? ORDER BY updated_at DESC, id').all(caseId) as Row[];
    return rows.map((r) => ({ id: r.id, caseId: r.case_id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  getDefinition(id: string): SavedDefinition {
    const r = this.deps.session().db.prepare('SELECT * FROM bundle_definitions WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new SaktaError('NOT_FOUND', 'That saved bundle does not exist.');
    return this.toSaved(r);
  }

  findDefinition(caseId: string, name: string): SavedDefinition {
    const r = this.deps.session().db.prepare('SELECT * FROM bundle_definitions WHERE case_id = ? AND name_fold = ?').get(caseId, foldForSearch(name.trim())) as Row | undefined;
    if (!r) throw new SaktaError('NOT_FOUND', `The case has no saved bundle named "${name}".`);
    return this.toSaved(r);
  }

  /** Creates or (with `id`) replaces a named definition. Names are unique per case, ignoring case. */
  saveDefinition(input: { caseId: string; id?: string; name: string; definition: unknown }): SavedDefinition {
    const name = parseOrThrow(DefinitionNameSchema, input.name, 'name');
    const def = parseOrThrow(BundleDefinitionSchema, input.definition, 'bundle definition');
    const s = this.deps.session();
    this.requireCase(this.source(s), input.caseId);
    const fold = foldForSearch(name);
    return this.deps.writer.write(({ at, newId, record }) => {
      const clash = s.db.prepare('SELECT id FROM bundle_definitions WHERE case_id = ? AND name_fold = ?').get(input.caseId, fold) as { id: string } | undefined;
      if (clash && clash.id !== input.id) throw new SaktaError('CONFLICT', `The case already has a bundle named "${name}".`, { name: 'Already used in this case' });
      let id = input.id;
      if (id) {
        const r = s.db
          .prepare('UPDATE bundle_definitions SET name = ?, name_fold = ?, definition = ?, updated_at = ? WHERE id = ? AND case_id = ?')
          .run(name, fold, JSON.stringify(def), at, id, input.caseId);
        if (r.changes === 0) throw new SaktaError('NOT_FOUND', 'That saved bundle does not exist.');
      } else {
        id = newId();
        s.db.prepare('INSERT INTO bundle_definitions (id, case_id, name, name_fold, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.caseId, name, fold, JSON.stringify(def), at, at);
      }
      record({ action: 'bundle.definition.save', entityType: 'bundle_definition', entityId: id, caseId: input.caseId, detail: { name } });
      return this.getDefinition(id);
    });
  }

  deleteDefinition(id: string): void {
    const saved = this.getDefinition(id);
    this.deps.writer.write(({ db, record }) => {
      db.prepare('DELETE FROM bundle_definitions WHERE id = ?').run(id);
      record({ action: 'bundle.definition.delete', entityType: 'bundle_definition', entityId: id, caseId: saved.caseId, detail: { name: saved.name } });
    });
  }

  private resolve(caseId: string, ref: DefinitionRef): { def: BundleDefinition; savedId: string | null } {
    const r = this.resolveDefinition(caseId, ref);
    const options = { ...r.def.options, ...(ref.language ? { language: ref.language } : {}), ...(ref.fitToPaper !== undefined ? { fitToPaper: ref.fitToPaper } : {}) };
    return { ...r, def: { ...r.def, options } };
  }

  private resolveDefinition(caseId: string, ref: DefinitionRef): { def: BundleDefinition; savedId: string | null } {
    if (ref.definition !== undefined) return { def: parseOrThrow(BundleDefinitionSchema, ref.definition, 'bundle definition'), savedId: null };
    if (ref.definitionId) {
      const saved = this.getDefinition(ref.definitionId);
      if (saved.caseId !== caseId) throw new SaktaError('NOT_FOUND', 'That saved bundle belongs to another case.');
      return { def: saved.definition, savedId: saved.id };
    }
    if (ref.definitionName) {
      const saved = this.findDefinition(caseId, ref.definitionName);
      return { def: saved.definition, savedId: saved.id };
    }
    return { def: this.defaults(caseId, ref.language), savedId: null };
  }

  /** Page ranges, volumes and notices, as the export would make them; nothing is written. */
  async preview(caseId: string, ref: DefinitionRef): Promise<BundlePreview> {
    const s = this.deps.session();
    const { def } = this.resolve(caseId, ref);
    const built = await buildBundle({ caseId, definition: def, source: this.source(s), fonts: this.fontBytes(), now: this.now(), render: false });
    return built.preview;
  }

  cancel(jobId: string): { cancelled: boolean } {
    const c = this.jobs.get(jobId);
    c?.abort();
    return { cancelled: !!c };
  }

  /**
   * Builds the bundle in memory and writes it, with its signed manifest, only to the folder the user chose.
   * A failure or a cancel at any point before the final renames leaves that folder untouched.
   */
  async export(
    input: { caseId: string; outPath: string; jobId?: string; force?: boolean } & DefinitionRef,
    opts: { signal?: AbortSignal } = {},
  ): Promise<ExportResult> {
    const s = this.deps.session();
    const outPath = checkOutPath(input.outPath, s.paths.dir);
    const { def, savedId } = this.resolve(input.caseId, input);
    const jobId = input.jobId ?? randomUUID();
    if (this.jobs.has(jobId)) throw new SaktaError('CONFLICT', 'A bundle with that job id is already being built.');
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort);
    this.jobs.set(jobId, controller);
    try {
      const at = this.now();
      const built = await buildBundle({
        caseId: input.caseId,
        definition: def,
        source: this.source(s),
        fonts: this.fontBytes(),
        now: at,
        render: true,
        signal: controller.signal,
        onProgress: (done, total, label) => this.deps.onProgress?.({ jobId, kind: 'bundle', done, total, label }),
      });
      if (controller.signal.aborted) throw new SaktaError('CANCELLED', 'The bundle was cancelled; no file was written.');
      if (this.deps.session() !== s) throw new SaktaError('VAULT_LOCKED', 'The vault was locked while the bundle was being built; nothing was written.');
      const paths = volumePaths(outPath, built.volumes.length);
      const files = built.volumes.map((v, i) => ({ path: paths[i]!, volume: v.number, pages: v.pages, sha256: sha256Hex(v.bytes!) }));
      const manifestPath = manifestPathFor(outPath);
      const manifest = signManifest(
        this.deps.crypto,
        {
          format: 'sakta-bundle-manifest',
          version: 1,
          vaultId: s.vaultId,
          caseId: input.caseId,
          createdAt: at.toISOString(),
          title: built.title,
          signingPublicKey: s.header.signingPublicKey,
          files: files.map((f) => ({ name: path.basename(f.path), volume: f.volume, pages: f.pages, sha256: f.sha256 })),
          sources: built.sources,
        },
        s.keys.signing.secretKey,
      );
      // Every file by real path, outside the vault, none replaced unless asked (the save dialog asks for the PDF).
      const outputs = [
        ...built.volumes.map((v, i) => ({ path: paths[i]!, data: v.bytes! as Uint8Array | string })),
        { path: manifestPath, data: JSON.stringify(manifest, null, 2) + '\n' },
      ].map((o) => ({ ...o, checked: checkExportTarget(o.path, s.paths.dir, { force: input.force, field: 'outPath', what: 'A bundle' }) }));
      await exportPlaintext(
        this.deps.writer,
        s,
        {
          action: 'bundle.export',
          entityType: 'case',
          entityId: input.caseId,
          caseId: input.caseId,
          detail: { definitionId: savedId, files: files.map((f) => ({ name: path.basename(f.path), sha256: f.sha256, pages: f.pages })), documents: built.sources.length },
        },
        outputs.map((o) => {
          const bytes = typeof o.data === 'string' ? Buffer.from(o.data, 'utf8') : o.data;
          return { target: o.checked.path, replaces: o.checked.replaces, sha256: sha256Hex(bytes), size: bytes.length, write: async (fh: FileHandle) => void (await fh.writeFile(bytes)) };
        }),
      );
      const outputId = randomUUID();
      this.outputs.set(outputId, { session: s, caseId: input.caseId, files: files.map((f) => ({ path: f.path, volume: f.volume })), manifestPath });
      return { files, manifestPath, totalPages: built.preview.totalPages, notices: built.preview.notices, outputId };
    } finally {
      this.jobs.delete(jobId);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  private output(outputId: string): Output {
    const o = this.outputs.get(outputId);
    // Ids live as long as the unlocked session that wrote them; a session replaced without a lock counts too.
    if (!o || o.session !== this.deps.session()) {
      throw new SaktaError('NOT_FOUND', 'That bundle is no longer known to this session (the vault was locked since it was built); open it from its folder.');
    }
    return o;
  }

  /**
   * Opens the first volume of a bundle this session wrote in its default application, or shows it in its
   * folder. Recorded in the case's trail (`bundle.open`) before the OS is asked, so no open goes unrecorded.
   */
  async openOutput(outputId: string, how: OpenHow): Promise<void> {
    const o = this.output(outputId);
    const file = o.files[0]!.path;
    const shell = this.deps.shell;
    // Refused before anything is recorded: the CLI has no desktop to open a file on.
    if (!shell) throw new SaktaError('UNSUPPORTED', 'Opening a bundle or showing it in its folder is only available in the app.');
    // An access, like viewing a document: in the trail, but the case does not count as changed.
    this.deps.writer.write(({ record }) =>
      record({ action: 'bundle.open', entityType: 'case', entityId: o.caseId, caseId: o.caseId, detail: { how, file: path.basename(file) }, access: true }),
    );
    if (how === 'reveal') return shell.showItemInFolder(file);
    const failure = await shell.openPath(file);
    if (failure) throw new SaktaError('IO_ERROR', `The bundle could not be opened: ${failure}`);
  }

  /**
   * Checks each written volume again against its signed manifest, as `sakta verify-bundle` does, with this
   * vault's public key: a file removed or changed since is reported, not thrown.
   */
  verifyOutput(outputId: string): BundleCheck {
    const o = this.output(outputId);
    const vaultPublicKey = this.deps.session().header.signingPublicKey;
    const manifest: BundleCheck['manifest'] = { name: path.basename(o.manifestPath), state: 'ok' };
    const files: BundleCheck['files'] = [];
    for (const f of o.files) {
      const name = path.basename(f.path);
      if (!fs.existsSync(f.path)) {
        files.push({ name, volume: f.volume, state: 'missing' });
        continue;
      }
      try {
        const r = verifyBundle(this.deps.crypto, f.path, { manifestPath: o.manifestPath, vaultPublicKey });
        if (!r.signatureOk) manifest.state = 'altered';
        else if (r.vaultKeyMatches === false && manifest.state === 'ok') manifest.state = 'other-vault';
        files.push({ name, volume: f.volume, state: r.sha256Matches === null ? 'unlisted' : r.sha256Matches ? 'ok' : 'changed' });
      } catch (e) {
        // The PDF was there a moment ago; so the manifest is what is missing or unreadable.
        if (!(e instanceof SaktaError)) throw e;
        manifest.state = e.code === 'INTEGRITY' ? 'invalid' : 'missing';
        files.push({ name, volume: f.volume, state: 'unlisted' });
      }
    }
    // Without a readable, signed manifest no file can be said to match it.
    const ok = manifest.state === 'ok' && files.every((f) => f.state === 'ok');
    return { ok, manifest, files };
  }

  /** At lock: the paths of written bundles go with the keys. */
  forgetOutputs(): void {
    this.outputs.clear();
  }
}

import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { BUNDLE_LANGUAGES, BundleLanguageSchema } from '../../../shared/schemas/bundle';
import { createNativeCrypto } from '../../crypto/native';
import { verifyBundle } from '../../services/bundles/manifest';
import { noticeText } from '../../services/bundles/notice-text';
import { readHeader } from '../../vault/header';
import { vaultPaths } from '../../vault/layout';
import type { CliCommand } from '../registry';

export const commands: CliCommand[] = [
  {
    name: 'bundle',
    summary: 'Build a court bundle PDF (and its signed manifest) from a case',
    usage: 'sakta bundle --vault DIR --case ID [--definition NAME] [--language ru|en] [--keep-page-size] --out FILE.pdf [--force] [--json]',
    options: {
      case: { type: 'string' },
      definition: { type: 'string' },
      language: { type: 'string' },
      'keep-page-size': { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(ctx) {
      const caseId = ctx.values.case;
      const out = ctx.values.out;
      if (typeof caseId !== 'string' || !caseId) throw new SaktaError('BAD_REQUEST', '--case ID is required (usage: sakta bundle --vault DIR --case ID --out FILE.pdf)');
      if (typeof out !== 'string' || !out) throw new SaktaError('BAD_REQUEST', '--out FILE.pdf is required');
      // Language of the generated pages for this build; without it a saved definition keeps its own, and the
      // default sections are written in English.
      const lang = ctx.values.language === undefined ? undefined : BundleLanguageSchema.safeParse(ctx.values.language);
      if (lang && !lang.success) throw new SaktaError('BAD_REQUEST', `--language must be one of: ${BUNDLE_LANGUAGES.join(', ')}`);
      const services = await ctx.open();
      const name = ctx.values.definition;
      const result = await services.bundles.export({
        caseId,
        outPath: path.resolve(out),
        force: ctx.values.force === true,
        ...(typeof name === 'string' && name ? { definitionName: name } : {}),
        ...(lang?.success ? { language: lang.data } : {}),
        // Source pages are scaled onto the bundle's paper unless asked to keep each page's own size.
        ...(ctx.values['keep-page-size'] === true ? { fitToPaper: false } : {}),
      });
      if (ctx.values.json) return ctx.json(result);
      for (const f of result.files) ctx.out(`${f.path}  ${f.pages} pages  sha256 ${f.sha256}`);
      ctx.out(`Manifest: ${result.manifestPath}`);
      for (const n of result.notices) ctx.out(`note: ${noticeText(n)}`);
    },
  },
  {
    name: 'verify-bundle',
    summary: 'Check a bundle PDF against its signed manifest (exit 4 if it was altered)',
    usage: 'sakta verify-bundle FILE.pdf [--manifest FILE.manifest.json] [--vault DIR] [--json]',
    options: { manifest: { type: 'string' } },
    async run(ctx) {
      const file = ctx.positionals[0];
      if (!file) throw new SaktaError('BAD_REQUEST', 'Name the bundle: sakta verify-bundle FILE.pdf');
      // The signing public key is in the vault header in clear, so no passphrase is needed to check whose it is.
      let vaultPublicKey: string | undefined;
      if (typeof ctx.values.vault === 'string') {
        try {
          vaultPublicKey = readHeader(vaultPaths(path.resolve(ctx.values.vault)).header).signingPublicKey;
        } catch (e) {
          if (e instanceof SaktaError) throw e;
          throw new SaktaError('VAULT_NOT_FOUND', `No vault in ${ctx.values.vault}.`);
        }
      }
      const report = verifyBundle(createNativeCrypto(), path.resolve(file), {
        ...(typeof ctx.values.manifest === 'string' ? { manifestPath: path.resolve(ctx.values.manifest) } : {}),
        ...(vaultPublicKey ? { vaultPublicKey } : {}),
      });
      if (ctx.values.json) ctx.json(report);
      if (!report.ok) throw new SaktaError('INTEGRITY', `${path.basename(file)} does NOT match its manifest: ${report.problems.join('; ')}.`);
      if (!ctx.values.json) {
        ctx.out(`${path.basename(file)} matches its signed manifest.`);
        ctx.out(report.vaultKeyMatches ? 'Signed by this vault.' : `Signing key: ${report.signingPublicKey} (pass --vault DIR to check it is your vault's).`);
      }
    },
  },
];

import path from 'node:path';
import { SaktaError } from '../../../shared/errors';
import { DOCUMENT_TYPES, type DocumentType } from '../../../shared/schemas/document';
import type { SearchKind } from '../../../shared/schemas/search';
import { EXIT } from '../exit-codes';
import type { AppServices } from '../../composition/app-services';
import { requiredOption, str, type CliCommand } from '../registry';

/** A --case that names no case is bad input (exit 2), not an empty answer that reads as "no documents". */
function assertCase(s: AppServices, caseId: string): void {
  try {
    s.caseWork.cases.get(caseId);
  } catch (e) {
    if (e instanceof SaktaError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION' || e.code === 'BAD_REQUEST')) {
      throw new SaktaError('VALIDATION', `--case: there is no case "${caseId}" in this vault (see "sakta case list")`, { case: 'No such case' });
    }
    throw e;
  }
}
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 0)} MiB`;

export const commands: CliCommand[] = [
  {
    name: 'import',
    summary: 'Encrypt files into a case (SHA-256 recorded; same bytes are linked, not stored twice)',
    usage: 'sakta import --vault DIR --case ID [--type TYPE] [--source TEXT] [--collected-by NAME] FILE…',
    options: { case: { type: 'string' }, type: { type: 'string' }, source: { type: 'string' }, 'collected-by': { type: 'string' } },
    async run(ctx) {
      const usage = this.usage;
      const caseId = requiredOption(ctx, 'case', usage);
      if (ctx.positionals.length === 0) throw new SaktaError('BAD_REQUEST', `name at least one file (usage: ${usage})`);
      const type = str(ctx.values.type);
      if (type && !DOCUMENT_TYPES.includes(type as DocumentType)) throw new SaktaError('BAD_REQUEST', `--type must be one of ${DOCUMENT_TYPES.join(', ')}`);
      const s = await ctx.open();
      const provenance = { source: str(ctx.values.source), collectedBy: str(ctx.values['collected-by']) };
      const result = await s.documents.import({
        caseId,
        paths: ctx.positionals.map((p) => path.resolve(p)),
        type: type as DocumentType | undefined,
        provenance: provenance.source || provenance.collectedBy ? provenance : undefined,
      });
      // The CLI exits when done, so it reads the text for search now rather than in the background.
      await s.documents.scheduleExtraction();
      const docs = result.documents.map((d) => s.documents.get(d.id));
      if (ctx.values.json) return ctx.json({ documents: docs, linkedDuplicates: result.linkedDuplicates });
      for (const d of docs) {
        const dup = result.linkedDuplicates.find((x) => x.documentId === d.id);
        ctx.out(`${d.id}  ${d.originalName}  ${d.kind}  ${mib(d.size)}  sha256:${d.sha256}${dup ? '  (same bytes already in the vault: linked)' : ''}`);
        if (d.textStatus === 'failed') ctx.out(`  text not indexed: ${d.textError}`);
      }
    },
  },
  {
    name: 'docs',
    summary: "List a case's documents",
    usage: 'sakta docs --vault DIR --case ID [--trash] [--json]',
    options: { case: { type: 'string' }, trash: { type: 'boolean' } },
    async run(ctx) {
      const caseId = requiredOption(ctx, 'case', this.usage);
      const s = await ctx.open();
      assertCase(s, caseId);
      const docs = s.documents.list({ caseId, trash: ctx.values.trash === true });
      if (ctx.values.json) return ctx.json({ documents: docs });
      for (const d of docs) ctx.out(`${d.id}  ${d.type.padEnd(17)} ${d.title}  (${d.originalName}, ${mib(d.size)}, text: ${d.textStatus})`);
    },
  },
  {
    name: 'export-doc',
    summary: 'Write a decrypted copy of a document (audited)',
    usage: 'sakta export-doc --vault DIR --doc ID --out FILE [--force]',
    options: { doc: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    async run(ctx) {
      const id = requiredOption(ctx, 'doc', this.usage);
      const out = requiredOption(ctx, 'out', this.usage);
      const s = await ctx.open();
      const r = await s.documents.export(id, path.resolve(out), { force: ctx.values.force === true });
      if (ctx.values.json) return ctx.json(r);
      ctx.out(`Wrote ${r.path} (${mib(r.size)}). This copy is NOT encrypted; delete it when no longer needed.`);
    },
  },
  {
    name: 'custody',
    summary: "A document's chain of custody (import, views, changes, exports, deletion)",
    usage: 'sakta custody --vault DIR --doc ID [--json]',
    options: { doc: { type: 'string' } },
    async run(ctx) {
      const id = requiredOption(ctx, 'doc', this.usage);
      const s = await ctx.open();
      const entries = s.documents.custody(id);
      if (ctx.values.json) return ctx.json({ entries });
      for (const e of entries) ctx.out(`#${e.seq}  ${e.at}  ${e.action}  ${JSON.stringify(e.detail)}`);
    },
  },
  {
    name: 'trash',
    summary: 'Move a document to the trash (shredded after 30 days)',
    usage: 'sakta trash --vault DIR --doc ID',
    options: { doc: { type: 'string' } },
    async run(ctx) {
      const s = await ctx.open();
      const d = s.documents.trash(requiredOption(ctx, 'doc', this.usage));
      ctx.out(`"${d.title}" is in the trash; it will be shredded 30 days after ${d.deletedAt}.`);
    },
  },
  {
    name: 'untrash',
    summary: 'Take a document back out of the trash',
    usage: 'sakta untrash --vault DIR --doc ID',
    options: { doc: { type: 'string' } },
    async run(ctx) {
      const s = await ctx.open();
      const d = s.documents.restore(requiredOption(ctx, 'doc', this.usage));
      ctx.out(`"${d.title}" is restored.`);
    },
  },
  {
    name: 'search',
    summary: 'Search cases, persons, events, notes and document contents',
    usage: 'sakta search --vault DIR QUERY [--case ID] [--kind KIND] [--type TYPE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json]',
    options: {
      case: { type: 'string' },
      kind: { type: 'string', multiple: true },
      type: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(ctx) {
      const query = ctx.positionals.join(' ');
      if (!query.trim()) throw new SaktaError('BAD_REQUEST', `give something to search for (usage: ${this.usage})`);
      const s = await ctx.open();
      const searchCase = str(ctx.values.case);
      if (searchCase) assertCase(s, searchCase);
      const r = s.search.query({
        query,
        caseId: str(ctx.values.case),
        kinds: ctx.values.kind as SearchKind[] | undefined,
        documentTypes: ctx.values.type as DocumentType[] | undefined,
        dateFrom: str(ctx.values.from),
        dateTo: str(ctx.values.to),
        limit: ctx.values.limit ? Number(ctx.values.limit) : 20,
      });
      if (ctx.values.json) return ctx.json(r);
      if (r.hits.length === 0) ctx.out('No matches.');
      for (const h of r.hits) {
        ctx.out(`[${h.kind}] ${h.title}  (${h.id})`);
        const snip = h.snippet.map((x) => (x.hit ? `[${x.text}]` : x.text)).join('');
        if (snip) ctx.out(`    ${snip}`);
      }
      if (r.total > r.hits.length) ctx.out(`… ${r.total - r.hits.length} more`);
    },
  },
  {
    name: 'verify',
    summary: 'Check database pages, the search index, every stored file (decrypt + SHA-256) and the audit chain; with --against-backup, that the vault is not older than its backup; exit 4 on any problem',
    usage: 'sakta verify --vault DIR [--against-backup FOLDER] [--json]',
    options: { 'against-backup': { type: 'string' } },
    async run(ctx) {
      const against = str(ctx.values['against-backup']);
      const s = await ctx.open();
      const report = await s.verify.verify(undefined, against ? { againstBackup: path.resolve(against) } : {});
      if (ctx.values.json) ctx.json(report);
      else {
        for (const p of report.problems) ctx.out(`PROBLEM  ${p.message}`);
        ctx.out(
          `${report.ok ? 'OK' : 'FAILED'}: database pages checked, ${report.checked.files} stored files, ${report.checked.documents} documents, ${report.checked.auditEntries} audit entries; ${report.problems.length} problem(s).`,
        );
      }
      return report.ok ? EXIT.ok : EXIT.integrity;
    },
  },
];

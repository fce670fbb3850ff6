import { SaktaError } from '../../../shared/errors';
import type { RedactionMark } from '../../../shared/schemas/redaction';
import { str, type CliCommand } from '../registry';

const USAGE = 'sakta redact --vault DIR --doc ID (--text WORDS … | --area PAGE:X,Y,W,H …) [--json]';

/** "2:72,100.5,180,14" → page 2, x 72, y 100.5, 180 wide, 14 high (PDF points, or pixels of a picture). */
function parseArea(v: string): RedactionMark {
  const m = /^(\d+):(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(v.trim());
  if (!m) throw new SaktaError('BAD_REQUEST', `--area "${v}" is not PAGE:X,Y,W,H (usage: ${USAGE})`);
  const [page, x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { page, x, y, w, h };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const commands: CliCommand[] = [
  {
    name: 'redact',
    summary: 'Make a redacted version of a PDF or picture: what is under the marks is removed from the file, not covered; prints the new id',
    usage: USAGE,
    options: { doc: { type: 'string' }, text: { type: 'string', multiple: true }, area: { type: 'string', multiple: true } },
    async run(ctx) {
      const id = str(ctx.values.doc);
      if (!id) throw new SaktaError('BAD_REQUEST', `--doc is required (usage: ${USAGE})`);
      const words = list(ctx.values.text);
      const marks = list(ctx.values.area).map(parseArea);
      if (!words.length && !marks.length) throw new SaktaError('BAD_REQUEST', `give --text or --area at least once (usage: ${USAGE})`);
      const s = await ctx.open();
      const doc = await s.redaction.redact({ id, words, marks });
      if (ctx.values.json) return ctx.json({ document: doc });
      ctx.out(doc.id);
    },
  },
];

import type { Conflict } from '../../services/merge/shared-docs';
import { requiredOption, str, type CliCommand } from '../registry';

/**
 * Conflicts of shared cases: a field two members changed at once (both values kept until someone chooses), or a
 * record one member edited while another removed it (kept meanwhile). Resolving writes the chosen value as a
 * new change, which closes the conflict here and, once synced, on every member's device.
 */

const CONFLICTS = 'sakta conflicts --vault DIR [--case ID] [--json]';
const RESOLVE = 'sakta resolve --vault DIR --conflict ID --take VALUE_ID [--json]';


const show = (v: string | number | null) => (v === null ? '(empty)' : JSON.stringify(v));

function conflictLines(c: Conflict): string[] {
  const what = c.kind === 'removed' ? `${c.table} ${c.rowKey}: edited on one device, removed on another (kept for now)` : `${c.table} ${c.rowKey} ${c.field}: shows ${show(c.shown)}`;
  return [
    `${c.id}  case ${c.caseId}`,
    `  ${what}`,
    ...c.values.map((v) => `  take ${v.valueId}: ${show(v.value)} by ${v.actor}${v.at ? ` at ${v.at}` : ''}`),
  ];
}

export const commands: CliCommand[] = [
  {
    name: 'conflicts',
    summary: 'Open conflicts of shared cases: both values, their authors and times',
    usage: CONFLICTS,
    options: { case: { type: 'string' } },
    async run(ctx) {
      const caseId = str(ctx.values.case);
      const s = await ctx.open();
      try {
        const list = s.sharedDocs.conflicts(s.vault.current().db, caseId);
        if (ctx.values.json) return ctx.json(list);
        if (!list.length) return ctx.out('No open conflicts.');
        for (const c of list) for (const l of conflictLines(c)) ctx.out(l);
      } finally {
        s.vault.lock();
      }
    },
  },
  {
    name: 'resolve',
    summary: "Resolve a conflict by keeping one of its values (synced to the case's other members)",
    usage: RESOLVE,
    options: { conflict: { type: 'string' }, take: { type: 'string' } },
    async run(ctx) {
      const id = requiredOption(ctx, 'conflict', RESOLVE);
      const take = requiredOption(ctx, 'take', RESOLVE);
      const s = await ctx.open();
      try {
        const c = s.writer.write((w) => s.sharedDocs.resolve(w, id, take));
        const chosen = c.values.find((v) => v.valueId === take)!;
        if (ctx.values.json) return ctx.json({ resolved: c.id, caseId: c.caseId, table: c.table, rowKey: c.rowKey, field: c.field, kept: chosen });
        ctx.out(`Resolved ${c.id}: kept ${show(chosen.value)} (by ${chosen.actor}).`);
      } finally {
        s.vault.lock();
      }
    },
  },
];

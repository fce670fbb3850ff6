import path from 'node:path';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';
import { tmpDir } from '../helpers/tmp';
import { PASS } from '../helpers/vault';

/** One member's vault in a shared-case test: its services, its device id (Automerge actor) and a clock the test moves. */
export interface Member {
  name: string;
  actor: string;
  dir: string;
  services: AppServices;
  clock: { now: Date };
  /** Batches of this device's own changes, in the order it handed them out (what its segment files would hold). */
  outbox: Uint8Array[][];
  /** How many batches of each other member's outbox this device has applied. */
  seen: Map<string, number>;
}

export async function member(name: string, actor: string, start = '2024-04-01T10:00:00Z'): Promise<Member> {
  const dir = path.join(tmpDir(), `vault-${name}`);
  const clock = { now: new Date(start) };
  const services = createAppServices({ vaultDir: dir, crypto: createNativeCrypto(), allowTestKdf: true, now: () => clock.now });
  await services.vault.create(PASS);
  return { name, actor, dir, services, clock, outbox: [], seen: new Map() };
}

export const db = (m: { services: AppServices }) => m.services.vault.current().db;

/** The first member makes a case and shares it; the others join it and receive its first changes. */
export async function sharedCase(names: string[], title = 'Эркинбеков v. Кара-Суйский РОВД') {
  const members: Member[] = [];
  for (const [i, n] of names.entries()) members.push(await member(n, String.fromCharCode(97 + i).repeat(32)));
  const [first, ...rest] = members as [Member, ...Member[]];
  const caseId = first.services.caseWork.cases.create({ title }).id;
  first.services.writer.write((w) => first.services.sharedDocs.startSharing(w, caseId, first.actor));
  for (const m of rest) m.services.writer.write((w) => m.services.sharedDocs.join(w, caseId, m.actor));
  const all = { members, caseId };
  for (const m of rest) deliver(all, first, m);
  return all;
}

/** Moves the sender's new own changes into its outbox (as `sakta sync` writes a segment and marks them sent). */
export function flush(m: Member, caseId: string): void {
  const s = m.services.sharedDocs;
  const { changes, upToSeq } = s.pendingChanges(db(m), caseId);
  if (changes.length === 0) return;
  m.services.writer.write((w) => s.markSent(w, caseId, upToSeq));
  m.outbox.push(changes);
}

/** The receiver applies every batch of the sender's outbox it has not applied yet. */
export function deliver(shared: { caseId: string }, from: Member, to: Member) {
  flush(from, shared.caseId);
  const start = to.seen.get(from.actor) ?? 0;
  const results = [];
  for (const batch of from.outbox.slice(start)) {
    results.push(to.services.writer.write((w) => to.services.sharedDocs.applyRemote(w, shared.caseId, batch, from.name)));
  }
  to.seen.set(from.actor, from.outbox.length);
  return results;
}

/** Everyone receives everyone's changes (twice round, so effects of applying travel back too). */
export function syncAll(shared: { members: Member[]; caseId: string }): void {
  for (let round = 0; round < 2; round++)
    for (const from of shared.members) for (const to of shared.members) if (from !== to) deliver(shared, from, to);
}

const LOCAL_KEYS = new Set(['exportedAt', 'activity', 'updatedAt', 'categoryId', 'custody', 'textStatus', 'textError', 'textOcr']);

/** A case's export with what is this device's own left out (times of local writes, the trail, this vault's category ids); arrays by id. */
export function comparable(m: Member, caseId: string): unknown {
  return comparableExport(m.services, caseId);
}

/** `comparable` for any vault's services. */
export function comparableExport(services: AppServices, caseId: string): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(walk);
      return items.every((x) => x && typeof x === 'object' && 'id' in (x as object))
        ? [...items].sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)))
        : items;
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!LOCAL_KEYS.has(k)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  const data = services.caseWork.views.exportCase(caseId) as unknown as Record<string, unknown>;
  const category = data.category as { key: string | null; name: string } | null;
  return walk({ ...data, category: category ? { key: category.key, name: category.name } : null });
}

/** The open conflicts as both sides must show them. */
export function openConflicts(m: { services: AppServices }, caseId: string) {
  return m.services.sharedDocs
    .conflicts(db(m), caseId)
    .map((c) => ({ id: c.id, table: c.table, rowKey: c.rowKey, field: c.field, kind: c.kind, values: c.values }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

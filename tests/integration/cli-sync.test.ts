import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCliVault, sakta, saktaJson } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

/**
 * A shared case through `node bin/sakta.cjs`, as a lawyer's script would run it: two vaults pair through a
 * folder, one shares a case with a document, both run `sakta sync`, and the other side's `export-case` and
 * `export-doc` give the same records and the same bytes.
 */

const json = saktaJson;

type Offers = { deviceId: string; offers: { deviceId: string; safetyCode: string }[] };
type Sync = { sent: { caseId: string }[]; received: { caseId: string; changes: number }[]; keysReceived: { caseId: string }[]; documentsWaiting: number; openConflicts: number; reports: { code: string }[] };

describe('sakta sync through the CLI', { timeout: 300_000 }, () => {
  it('pair, share a case with a document, sync both ways: the other vault exports the same case and the same bytes', async () => {
    const a = await newCliVault();
    const b = await newCliVault();
    const via = tmpDir('sakta-team-');
    const caseId = await sakta(['case', 'add', '--title', 'Эркинбеков против Кыргызстана'], a);
    const file = path.join(tmpDir(), 'заключение.txt');
    fs.writeFileSync(file, 'Заключение СМЭ: кровоподтёки на спине. '.repeat(2000));
    await sakta(['import', '--case', caseId, file], a);

    await json<Offers>(['pair', '--via', via], a);
    const onB = await json<Offers>(['pair', '--via', via], b);
    const code = onB.offers[0]!.safetyCode;
    await sakta(['pair', '--via', via, '--confirm', code, '--name', 'Коллега'], a);
    await sakta(['pair', '--via', via, '--confirm', code, '--name', 'Lead'], b);
    await sakta(['share', '--case', caseId, '--with', 'Коллега', '--via', via], a);

    const sentA = await json<Sync>(['sync', '--via', via], a);
    expect(sentA.sent.map((x) => x.caseId)).toEqual([caseId]);
    const onBSync = await json<Sync>(['sync', '--via', via], b);
    expect(onBSync.keysReceived.map((x) => x.caseId)).toEqual([caseId]);
    expect(onBSync.received.map((x) => x.caseId)).toEqual([caseId]);
    expect([onBSync.documentsWaiting, onBSync.openConflicts, onBSync.reports]).toEqual([0, 0, []]);
    expect(await sakta(['sync', '--via', via], b)).toBe('Nothing new to send or apply.');

    const outDir = tmpDir();
    const out = (v: string) => path.join(outDir, `${v === a ? 'a' : 'b'}.json`);
    await sakta(['export-case', '--case', caseId, '--out', out(a)], a);
    await sakta(['export-case', '--case', caseId, '--out', out(b)], b);
    type Export = { case: { title: string; summary: string }; documents: { id: string; sha256: string; title: string }[] };
    const strip = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8')) as Export;
    const [ea, eb] = [strip(out(a)), strip(out(b))];
    expect(eb.case.title).toBe('Эркинбеков против Кыргызстана');
    const docsOf = (e: Export) => e.documents.map((d) => [d.id, d.sha256, d.title]);
    expect(docsOf(eb)).toEqual(docsOf(ea));
    expect(docsOf(eb)).toHaveLength(1);

    const docs = await json<{ documents: { id: string; sha256: string }[] }>(['docs', '--case', caseId], b);
    expect(docs.documents).toHaveLength(1);
    const copy = path.join(tmpDir(), 'copy.txt');
    await sakta(['export-doc', '--doc', docs.documents[0]!.id, '--out', copy], b);
    expect(crypto.createHash('sha256').update(fs.readFileSync(copy)).digest('hex')).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));

    const status = await json<{ cases: { caseId: string; lastReceivedAt: string | null }[] }>(['sync-status'], b);
    expect(status.cases.map((c) => c.caseId)).toEqual([caseId]);
    expect(status.cases[0]!.lastReceivedAt).not.toBeNull();
  });
});

/**
 * Child of sync-random.test.ts: one member's exchanges run in a process of their own, as on its own laptop. Reads
 * one JSON request a line ({ vaultDir, folder, now, compaction }), unlocks that vault (the parent locked it),
 * runs one `sync` with the member's clock, locks it again and answers one JSON line with the exchange's reports
 * how much it moved and how many cases it compacted. The passphrase comes in SAKTA_PASSPHRASE.
 */
import readline from 'node:readline';
import { createNativeCrypto } from '../../electron/crypto/native';
import { createAppServices, type AppServices } from '../../electron/composition/app-services';

const crypto = createNativeCrypto();
const open = new Map<string, { services: AppServices; clock: { now: Date } }>();

for await (const line of readline.createInterface({ input: process.stdin })) {
  const req = JSON.parse(line) as { vaultDir: string; folder: string; now: string; compaction: { ackAfter: number; compactAfter: number } };
  try {
    let m = open.get(req.vaultDir);
    if (!m) {
      const clock = { now: new Date(req.now) };
      m = { clock, services: createAppServices({ vaultDir: req.vaultDir, crypto, allowTestKdf: true, now: () => clock.now, syncCompaction: req.compaction }) };
      open.set(req.vaultDir, m);
    }
    m.clock.now = new Date(req.now);
    await m.services.vault.unlock(process.env.SAKTA_PASSPHRASE ?? '');
    const r = await m.services.sync.sync(req.folder);
    m.services.vault.lock();
    process.stdout.write(`${JSON.stringify({ reports: r.reports, moved: r.sent.length + r.received.length + r.compacted.length, compacted: r.compacted.length })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ error: String((e as Error).stack ?? e) })}\n`);
  }
}

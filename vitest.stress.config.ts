import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** `npm run test:stress`: the crash, tamper and fuzz suites at full counts (SAKTA_STRESS=1). */
export default defineConfig({
  test: {
    ...base.test,
    // Replaces the base list (mergeConfig would concatenate it and run the whole suite again).
    include: [
      'tests/integration/crash-*.test.ts',
      'tests/integration/tamper-*.test.ts',
      'tests/integration/ipc-*.test.ts',
      'tests/integration/cli-documents-kill.test.ts',
      'tests/integration/sync-kill.test.ts',
      'tests/integration/search-index-rebuild-kill.test.ts',
      'tests/integration/merge-random.test.ts',
      // Three vaults over their own copies of the case folder, compacting as they go: 200 seeds instead of 10.
      'tests/integration/sync-random.test.ts',
      // Real Syncthing daemons frozen and thawed at random: 50 rounds instead of 5.
      'tests/integration/syncthing-partition.test.ts',
      // Three vaults with their own daemons frozen and thawed while editing one case: 50 rounds instead of 5.
      'tests/integration/team-sync-partition.test.ts',
      'tests/stress/**/*.test.ts',
    ],
    env: { SAKTA_STRESS: '1' },
    testTimeout: 30 * 60_000,
  },
});

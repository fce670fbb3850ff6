import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // A hang detector, not a speed check (speed is `npm run bench`): on this 2-core machine with other CPU-heavy
    // work running, a test of real Argon2id unlocks or loop-mounted disks took over 60 s (two fresh-clone runs,
    // 2026-12-07), while the same tests take 5-20 s on a quiet machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Argon2id at 256 MiB per unlock: two workers on this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/setup/global-setup.ts'],
  },
});

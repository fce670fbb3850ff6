import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Argon2id at 256 MiB per unlock: two workers on this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/setup/global-setup.ts'],
  },
});

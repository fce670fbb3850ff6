import { defineConfig } from '@playwright/test';

/**
 * The real Electron app (dist/main.cjs). Separate from tests/e2e's browser config: no browser to
 * launch, one worker (each run opens a window and Argon2id at full cost), and the specs skip
 * themselves when Electron's binary is not installed.
 *   node scripts/build.mjs main preload renderer && npx playwright test -c tests/e2e/electron/playwright.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../../test-results/electron',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});

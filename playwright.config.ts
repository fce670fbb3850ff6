import { defineConfig } from '@playwright/test';

// Vaults created through the bridge use the fast "test" KDF; the header records it as "test".
process.env.SAKTA_TEST_FAST_KDF = '1';

export default defineConfig({
  testDir: 'tests/e2e',
  // tests/e2e/electron/ drives the packaged Electron app and has its own config.
  testIgnore: ['**/electron/**'],
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'Asia/Bishkek',
    screenshot: 'only-on-failure',
    trace: 'off',
    // Debian's Chromium: Playwright's own browser download needs the internet.
    launchOptions: {
      executablePath: process.env.SAKTA_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});

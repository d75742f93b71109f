import { defineConfig } from '@playwright/test';
import type { HostKind } from './e2e/fixtures/test';

/** Debian's Chromium, with the flags that keep it quiet on a closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The specs drive the real renderer against the simulated fleet. Each runs twice: through the headless
// host in Chromium, and through Electron where the binary exists (skipped, saying so, where it does not).
export default defineConfig<{ hostKind: HostKind }>({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  forbidOnly: true,
  retries: 0,
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'headless-chromium', use: { hostKind: 'headless' } },
    { name: 'electron', use: { hostKind: 'electron' } },
  ],
});

import { defineConfig, devices } from '@playwright/test';
import { findChromium, realMachine } from './scripts/browser';

// `npm run test:e2e` first finds or fetches a Chromium (scripts/browser.ts); this launches it.
const browser = findChromium(realMachine());
if (!browser)
  throw new Error('No Chromium found: run `npm run test:e2e`, which finds or installs one, or set CHROMIUM_PATH.');

const port = Number(process.env.E2E_PORT ?? 3100);
// scripts/e2e-server.ts creates this database; tests read it to age a code or count payments.
const serverUrl =
  process.env.DATABASE_URL ??
  `postgresql://utilitypay:utilitypay-local@127.0.0.1:${process.env.E2E_EMBEDDED_PG_PORT ?? 25434}/utilitypay`;
const e2eDatabase = new URL(serverUrl);
e2eDatabase.pathname = '/utilitypay_e2e';
process.env.E2E_DATABASE_URL = e2eDatabase.toString();
export const baseURL = `http://localhost:${port}`;
const phone = { ...devices['Pixel 7'], defaultBrowserType: 'chromium' as const };

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // Two test files at a time (each file's tests in order, in one worker): most of a browser test
  // is waiting, on the page, the app and the texts. A test tagged @alone runs after all the others,
  // by itself: it changes what every customer sees (the utility's fees), or counts a whole table's
  // rows to show it made none.
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'phone', use: phone, grepInvert: /@alone/ },
    { name: 'phone, alone', use: phone, grep: /@alone/, dependencies: ['phone'], workers: 1 },
  ],
  webServer: {
    command: `tsx --conditions=react-server scripts/e2e-server.ts`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});

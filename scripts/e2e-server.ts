// The server the end-to-end tests run against: a fresh `utilitypay_e2e` database (on DATABASE_URL's
// server, or on an embedded PostgreSQL), then the same start script as `npm start`: migrations,
// demo data, `next build` when stale, the app server. Test mode: outbox SMS, no production rules.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { databaseServer, recreateDatabase } from '@/test/database';

const { serverUrl, stop: stopServer } = await databaseServer(
  'e2e-postgres',
  Number(process.env.E2E_EMBEDDED_PG_PORT ?? 25434),
);
const databaseUrl = await recreateDatabase(serverUrl, 'utilitypay_e2e');

const child = spawn(process.execPath, [...process.execArgv, path.resolve('scripts/start.ts')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_ENV: 'test',
    // A machine zone that is neither UTC nor the demo utility's: pages must use the utility's.
    TZ: 'Pacific/Chatham',
    SMS_TRANSPORT: 'outbox',
    // The sandbox's bank debits settle (and the returned one comes back) within the tests' patience.
    SANDBOX_ACH_SETTLE_SECONDS: '2',
    // Each test plays a different client behind a proxy (e2e/fixtures), so the 20-codes-per-IP cap
    // applies per test, not to the whole suite from 127.0.0.1.
    TRUSTED_PROXY_HEADER: 'x-forwarded-for',
    PORT: process.env.E2E_PORT ?? '3100',
    PUBLIC_ORIGIN: `http://localhost:${process.env.E2E_PORT ?? '3100'}`,
  },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await stopServer();
  // Killed by a signal (code null) is a failure too; a stop we asked for exits 0 from start.ts.
  process.exit(code ?? 1);
});

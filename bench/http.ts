// The real HTTP path: the built app under its server, scripts/server.mjs (through scripts/start.ts, as `npm start`
// runs it) on the bench database, driven by autocannon. Sessions are next-auth session cookies minted
// with the app's own secret (signing in is not what is measured here); server actions are called the
// way the browser calls them (React's encodeReply body, the Next-Action header).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import { actionId, actionRequest } from '@/test/server-actions';
import { buildIfStale, serverCommand } from '@/scripts/build-if-stale';
import { codeInText, type BenchCustomer } from './setup';

export type HttpServer = { base: string; pid: number; stop: () => Promise<void> };

/**
 * The app as production runs it: the web server (through scripts/start.ts, as `npm start` starts it)
 * with SMS_WORKER=off, and the job runner (`npm run worker`: texts, expiry) as a process of its own,
 * so the server's CPU and memory figures are the web process's alone. With `cpuProfileDir`, the server script itself (on the database as
 * it is: migrated, built) under V8's profiler, which writes its profile there when it stops
 * (`--cpu-prof` is refused in NODE_OPTIONS, so not through scripts/start.ts).
 */
export async function startServer(databaseUrl: string, port: number, cpuProfileDir?: string): Promise<HttpServer> {
  const base = `http://127.0.0.1:${port}`;
  const command = cpuProfileDir
    ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfileDir}`, ...serverCommand.slice(1)]
    : [...process.execArgv, path.resolve('scripts/start.ts')];
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    APP_ENV: 'development',
    SMS_TRANSPORT: 'outbox',
    SMS_WORKER: 'off',
    PORT: String(port),
    PUBLIC_ORIGIN: base,
    DATABASE_POOL_SIZE: '20',
  };
  const child: ChildProcess = spawn(process.execPath, command, { stdio: ['ignore', 'inherit', 'inherit'], env });
  const worker: ChildProcess = spawn(process.execPath, [...process.execArgv, path.resolve('scripts/worker.ts')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  const stopped = (process: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) return resolve();
      process.once('exit', () => resolve());
      process.kill('SIGTERM');
    });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || worker.exitCode !== null) {
      await stopped(worker);
      await stopped(child);
      throw new Error(`The app (${child.exitCode}) or its worker (${worker.exitCode}) exited before it answered`);
    }
    if (
      await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error('The app did not answer /api/health within 5 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      await Promise.all([stopped(child), stopped(worker)]);
    },
  };
}

/** The Next.js server processes under `rootPid` (scripts/start.ts spawns the server). */
function serverPids(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p; p = parentOf.get(p)) if (p === rootPid) return true;
    return false;
  };
  return [...parentOf.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    try {
      return /next-server|next start|next\/dist|scripts\/server\.mjs/.test(
        fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
      );
    } catch {
      return false;
    }
  });
}

/** Peak resident memory (VmHWM) of the Next.js server process under `rootPid`, in MiB. */
export function serverPeakRssMiB(rootPid: number): number {
  return serverMemoryMiB(rootPid).peak;
}

/** The Next.js server's resident memory under `rootPid` now and at its peak (VmRSS, VmHWM), in MiB. */
export function serverMemoryMiB(rootPid: number): { now: number; peak: number } {
  const memory = { now: 0, peak: 0 };
  for (const pid of serverPids(rootPid)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      memory.now = Math.max(memory.now, Math.round(kib('VmRSS') / 1024));
      memory.peak = Math.max(memory.peak, Math.round(kib('VmHWM') / 1024));
    } catch {
      // gone
    }
  }
  return memory;
}

/**
 * Where the Next.js server's CPU went while `run` ran (after `warmUp`): the server is started with
 * V8's profiler (writing its profile when it stops), and only its busy samples taken during `run`
 * are counted.
 */
export async function profileServer(
  databaseUrl: string,
  port: number,
  warmUp: (server: HttpServer) => Promise<unknown>,
  run: (server: HttpServer) => Promise<unknown>,
) {
  const { whereProfileWent } = await import('./setup');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utilitypay-server-profile-'));
  try {
    const server = await startServer(databaseUrl, port, dir);
    let window: { fromUs: number; toUs: number };
    let pids: number[];
    try {
      pids = [server.pid, ...serverPids(server.pid)];
      await warmUp(server);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      await run(server);
      window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    } finally {
      await server.stop();
    }
    const file = fs.readdirSync(dir).find((name) => pids.some((pid) => name.includes(`.${pid}.`)));
    if (!file) throw new Error(`The server wrote no CPU profile in ${dir}`);
    return whereProfileWent(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), window, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (user + system) the Next.js server processes under `rootPid` have used, in ms (Linux: 100 ticks a second). */
export function serverCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of serverPids(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

export async function sessionCookie(
  kind: 'customer' | 'staff',
  claims: Record<string, string>,
  sessionVersion = 0,
): Promise<string> {
  const { env } = await import('@/lib/env');
  const { authCookies } = await import('@/lib/auth/cookies');
  const name = authCookies(kind).sessionToken.name;
  // As signing in issues it: the holder's session version (0 until a sign-out) and the sign-in time.
  const token = { sub: Object.values(claims)[0], ...claims, sessionVersion, signedInAt: Date.now() };
  const value = await encode({ token, secret: env().AUTH_SECRET, salt: name, maxAge: 15 * 60 });
  return `${name}=${value}`;
}

function summary(result: autocannon.Result) {
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * OTP verification through the payment's code page: payments of different customers are started and
 * their codes texted (outside the measurement), then `connections` connections post the codes to the
 * confirm action, each request a different payment. Every payment must end COMPLETED.
 */
export type PreparedVerification = {
  customerId: string;
  paymentId: string;
  cookie: string;
  body: Buffer;
  headers: Record<string, string>;
};

/** Run before the server starts, so its SMS worker has not yet handed off (and redacted) the texts. */
export async function prepareVerifications(customers: BenchCustomer[]): Promise<PreparedVerification[]> {
  // The action's id is the build's: build now if the sources changed, not when the server starts.
  await buildIfStale({ ...process.env }, () => console.log('[bench] building the app (the sources changed)…'));
  const { startPayment } = await import('@/lib/payments/start-payment');
  const { sendPaymentCode } = await import('@/lib/payments/send-payment-code');
  const id = actionId('app/(consumer)/payments/actions.ts', 'confirmPaymentAction');
  const prepared: PreparedVerification[] = [];
  const queue = [...customers];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const { paymentId } = await startPayment({
          customerId: c.customerId,
          billId: c.billId,
          methodId: c.methodId,
          amountCents: 100,
          idempotencyKey: randomUUID(),
          clientIp: null,
        });
        const { challengeId } = await sendPaymentCode({ customerId: c.customerId, paymentId, clientIp: null });
        const form = new FormData();
        form.set('code', await codeInText(challengeId));
        const { headers, body } = await actionRequest(id, [paymentId, { status: 'idle' }, form]);
        prepared.push({
          customerId: c.customerId,
          paymentId,
          cookie: await sessionCookie('customer', { customerId: c.customerId }),
          body,
          headers,
        });
      }
    }),
  );
  return prepared;
}

/**
 * One request for each of `prepared` (`request` says which), from `connections` connections, paced at
 * `rate` a second across them when given; with the server's CPU milliseconds per request.
 */
async function onePerPrepared(
  server: HttpServer,
  prepared: PreparedVerification[],
  connections: number,
  request: (item: PreparedVerification) => {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: Buffer;
  },
  rate?: number,
) {
  // Each customer's session cookie as their browser holds it when they submit: re-issued within the
  // last minute (loading the code page re-issues an older one), so the request only decodes it.
  for (const item of prepared) item.cookie = await sessionCookie('customer', { customerId: item.customerId });
  let next = 0;
  const cpuBefore = serverCpuMs(server.pid);
  const result = await autocannon({
    url: server.base,
    connections,
    amount: prepared.length,
    timeout: 30,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ setupRequest: (base) => ({ ...base, ...request(prepared[next++ % prepared.length]!) }) }],
  });
  const cpuMsPerRequest =
    Math.round(((serverCpuMs(server.pid) - cpuBefore) / Math.max(1, result.requests.total)) * 10) / 10;
  return { result, cpuMsPerRequest };
}

export async function verificationBench(
  server: HttpServer,
  prepared: PreparedVerification[],
  connections: number,
  /** Requests a second across all connections (open loop: sent on time whatever the answers take); unset: as fast as answered. */
  rate?: number,
) {
  const { db } = await import('@/lib/db');
  // Server CPU per verification: the web process's CPU time over the requests (the text worker that
  // hands off each confirmation text runs in its own process, as in production).
  const { result, cpuMsPerRequest } = await onePerPrepared(
    server,
    prepared,
    connections,
    (item) => ({
      method: 'POST',
      path: `/payments/${item.paymentId}/authorize`,
      headers: { ...item.headers, cookie: item.cookie, origin: server.base },
      body: item.body,
    }),
    rate,
  );
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]),
  );
  const completed = await db().payment.count({
    where: { id: { in: prepared.map((p) => p.paymentId) }, status: 'COMPLETED' },
  });
  // Figures from refused requests would measure the refusal: every payment must have completed.
  if (completed !== prepared.length || result.non2xx > 0)
    throw new Error(
      `Only ${completed} of ${prepared.length} verifications completed the payment (${result.non2xx} answers not 2xx: ${JSON.stringify(statuses)}); the HTTP figures would be meaningless`,
    );
  return { ...summary(result), connections, rate, payments: prepared.length, completed, statuses, cpuMsPerRequest };
}

/**
 * The receipt each verified payment's browser opens next (the confirm action answers with its outcome;
 * the page is this separate GET): one read of the payment with its bill, account, method and refunds.
 */
export async function receiptBench(server: HttpServer, prepared: PreparedVerification[], connections: number) {
  const { result, cpuMsPerRequest } = await onePerPrepared(server, prepared, connections, (item) => ({
    method: 'GET',
    path: `/payments/${item.paymentId}`,
    headers: { cookie: item.cookie },
  }));
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx + result.errors} of ${prepared.length} receipts did not load`);
  return { ...summary(result), connections, cpuMsPerRequest };
}

/** A GET page under load with a session cookie. */
export async function pageBench(
  server: HttpServer,
  pathAndQuery: string,
  cookie: string,
  connections: number,
  seconds: number,
) {
  const result = await autocannon({
    url: `${server.base}${pathAndQuery}`,
    connections,
    duration: seconds,
    headers: { cookie },
    timeout: 30,
  });
  return { path: pathAndQuery, connections, ...summary(result) };
}

/** A GET page one request at a time (`count` of them): its server time, with nothing queued ahead. */
export async function pageLatency(server: HttpServer, pathAndQuery: string, cookie: string, count: number) {
  const result = await autocannon({
    url: `${server.base}${pathAndQuery}`,
    connections: 1,
    amount: count,
    headers: { cookie },
    timeout: 30,
  });
  return { path: pathAndQuery, ...summary(result) };
}

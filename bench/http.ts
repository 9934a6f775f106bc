// The real HTTP path: the built app under `next start` (through scripts/start.ts, as `npm start`
// runs it) on the bench database, driven by autocannon. Sessions are next-auth session cookies minted
// with the app's own secret (signing in is not what is measured here); server actions are called the
// way the browser calls them (React's encodeReply body, the Next-Action header).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import { codeInText, type BenchCustomer } from './setup';

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-turbopack/client.node.js') as { encodeReply: (value: unknown) => Promise<FormData | string> };

export type HttpServer = { base: string; pid: number; stop: () => Promise<void> };

export async function startServer(databaseUrl: string, port: number): Promise<HttpServer> {
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, path.resolve('scripts/start.ts')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, APP_ENV: 'development', SMS_TRANSPORT: 'outbox', SMS_WORKER: 'inline', PORT: String(port), PUBLIC_ORIGIN: base, DATABASE_POOL_SIZE: '20' },
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode} before it answered`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error('The app did not answer /api/health within 5 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident memory (VmHWM) of the Next.js server process under `rootPid`, in MiB. */
export function serverPeakRssMiB(rootPid: number): number {
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
  let peak = 0;
  for (const pid of parentOf.keys()) {
    if (!descends(pid)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/next-server|next start|next\/dist/.test(cmdline)) continue;
      const kib = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (kib) peak = Math.max(peak, Number(kib[1]) / 1024);
    } catch {
      // gone
    }
  }
  return Math.round(peak);
}

export async function sessionCookie(kind: 'customer' | 'staff', claims: Record<string, string>): Promise<string> {
  const { env } = await import('@/lib/env');
  const name = `utilitypay.${kind}.session`;
  const value = await encode({ token: { sub: Object.values(claims)[0], ...claims }, secret: env().AUTH_SECRET, salt: name, maxAge: 15 * 60 });
  return `${name}=${value}`;
}

/** The server action id of `exportedName` in `file`, from the build's manifest. */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${file}`);
  return found[0];
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
export type PreparedVerification = { paymentId: string; cookie: string; body: Buffer; contentType: string };

/** Run before the server starts, so its SMS worker has not yet handed off (and redacted) the texts. */
export async function prepareVerifications(customers: BenchCustomer[]): Promise<PreparedVerification[]> {
  const { startPayment } = await import('@/lib/payments/start-payment');
  const { sendPaymentCode } = await import('@/lib/payments/send-payment-code');
  const prepared: PreparedVerification[] = [];
  const queue = [...customers];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const { paymentId } = await startPayment({ customerId: c.customerId, billId: c.billId, amountCents: 100, idempotencyKey: randomUUID(), clientIp: null });
        const { challengeId } = await sendPaymentCode({ customerId: c.customerId, paymentId, clientIp: null });
        const form = new FormData();
        form.set('code', await codeInText(challengeId));
        const request = new Request('http://x', { method: 'POST', body: await encodeReply([paymentId, { status: 'idle' }, form]) });
        prepared.push({ paymentId, cookie: await sessionCookie('customer', { customerId: c.customerId }), body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! });
      }
    }),
  );
  return prepared;
}

export async function verificationBench(server: HttpServer, prepared: PreparedVerification[], connections: number) {
  const { db } = await import('@/lib/db');
  const id = actionId('app/(consumer)/payments/actions.ts', 'confirmPaymentAction');
  let next = 0;
  const result = await autocannon({
    url: server.base,
    connections,
    amount: prepared.length,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const item = prepared[next++ % prepared.length]!;
          return {
            ...request,
            method: 'POST',
            path: `/payments/${item.paymentId}/authorize`,
            headers: { cookie: item.cookie, 'content-type': item.contentType, 'next-action': id, accept: 'text/x-component', origin: server.base },
            body: item.body,
          };
        },
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]));
  const completed = await db().payment.count({ where: { id: { in: prepared.map((p) => p.paymentId) }, status: 'COMPLETED' } });
  return { ...summary(result), connections, payments: prepared.length, completed, statuses };
}

/** A GET page under load with a session cookie. */
export async function pageBench(server: HttpServer, pathAndQuery: string, cookie: string, connections: number, seconds: number) {
  const result = await autocannon({ url: `${server.base}${pathAndQuery}`, connections, duration: seconds, headers: { cookie }, timeout: 30 });
  return { path: pathAndQuery, connections, ...summary(result) };
}

/** A GET page one request at a time (`count` of them): its server time, with nothing queued ahead. */
export async function pageLatency(server: HttpServer, pathAndQuery: string, cookie: string, count: number) {
  const result = await autocannon({ url: `${server.base}${pathAndQuery}`, connections: 1, amount: count, headers: { cookie }, timeout: 30 });
  return { path: pathAndQuery, ...summary(result) };
}

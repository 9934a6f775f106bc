// `npm run load -- [scenario ...] [--seconds N] [--customers N]`: customers paying through HTTP
// against the built app (scripts/server.mjs) on an embedded PostgreSQL 18 of its own, on 127.0.0.1 only,
// bounded in time. Scenarios (all by default):
//   pay            200 customers paying for 60 s
//   sms-outage     the SMS gateway refuses everything for 15 s in the middle
//   kill-app       the app is SIGKILLed in the middle, then started again
//   restart-db     PostgreSQL is restarted in the middle; the app is not
//   two-instances  two app instances share the load (and the database); some codes are sent to
//                  both at once, and the resend cooldown is probed across them
// After each: no 5xx while the app and database were up; every payment a customer saw complete is
// COMPLETED; no payment left in flight (a payment the killed app left between the phases is
// reconciled); the bills' paid amounts went up by exactly the completed payments, and the sandbox
// processor charged exactly those, to the cent; one confirmation text per completed payment; no payment left with a used code and no completion; every text
// handed off once. Results: bench/results/load-latest.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { benchCustomers, type BenchCustomer } from '@/bench/setup';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres';
import { migrateDeploy } from '@/lib/db/migrate';
import { portIsFree } from '@/lib/net/ports';
import { migrateJobQueue } from '@/lib/jobs/queue';
import { testDataDir } from '@/test/database';
import { startFakeGateway } from '@/test/fakes/sms-providers';
import { actionId, actionRequest } from '@/test/server-actions';
import { buildIfStale, serverCommand } from './build-if-stale';

const SCENARIOS = ['pay', 'sms-outage', 'kill-app', 'restart-db', 'two-instances'] as const;
type Scenario = (typeof SCENARIOS)[number];
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const asked = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
for (const a of asked)
  if (!SCENARIOS.includes(a as Scenario))
    throw new Error(`Unknown scenario "${a}": choose from ${SCENARIOS.join(', ')}`);
const scenarios = (asked.length ? asked : SCENARIOS) as Scenario[];
const SECONDS = option('seconds', 60);
const CUSTOMERS = option('customers', 200);
const APP_PORT = Number(process.env.LOAD_APP_PORT ?? 3300);
const PORTS = [APP_PORT, APP_PORT + 1];
const PG_PORT = Number(process.env.LOAD_EMBEDDED_PG_PORT ?? 25436);
const GATEWAY_SECRET = 'load-gateway-secret-'.padEnd(40, 'x');

const log = (line: string) => console.log(`[load] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the database ----
const dataDir = testDataDir('load-postgres');
let database: EmbeddedDatabase = await startEmbeddedPostgres({ dir: dataDir, port: PG_PORT });
const adminUrl = new URL(database.url);
adminUrl.pathname = '/postgres';
const url = new URL(database.url);
url.pathname = '/utilitypay_load';
const databaseUrl = url.toString();
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  APP_ENV: 'development',
  SMS_TRANSPORT: 'outbox',
  // Thousands of customers in a few number prefixes, texted within minutes: past any SMS-pumping budget.
  SMS_HOURLY_BUDGET: '1000000',
  SMS_PREFIX_HOURLY_LIMIT: '1000000',
  SMS_WORKER: 'off',
  // A payment left between the phases by a killed app is reconciled this many seconds + 30 later.
  PROCESSOR_TIMEOUT_MS: '5000',
});

async function sql<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  target = databaseUrl,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: target });
  // While PostgreSQL restarts (restart-db), the server ends connections: that must fail this query,
  // not crash the load with an unhandled 'error' event.
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- the app ----
type App = { port: number; child: ChildProcess; base: string };

async function startApp(port: number, extraEnv: Record<string, string>): Promise<App> {
  const child = spawn(serverCommand[0], serverCommand.slice(1), {
    stdio: ['ignore', 'ignore', 'inherit'],
    // Each customer is its own client IP, as a load balancer in front of the app would report it.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      SMS_WORKER: 'inline',
      DATABASE_POOL_SIZE: '20',
      TRUSTED_PROXY_HEADER: 'x-forwarded-for',
      ...extraEnv,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    !(await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (child.exitCode !== null || i > 240) throw new Error(`The app on ${port} did not start`);
    await sleep(250);
  }
  return { port, child, base };
}

async function stopApp(app: App, signal: NodeJS.Signals = 'SIGTERM') {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill(signal);
  await exited;
}

// ---- a customer ----
type Outcome = { paymentId: string; amountCents: number; completed: boolean };
type Stats = {
  requests: number;
  serverErrors: number;
  unreachable: number;
  refusals: Record<string, number>;
  outcomes: Outcome[];
  latencies: number[];
};

const ACTIONS = 'app/(consumer)/payments/actions.ts';
const IDLE = { status: 'idle' };

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

class Unreachable extends Error {}

const ipOf = new Map<string, string>();
function clientIpFor(cookie: string) {
  if (!ipOf.has(cookie)) ipOf.set(cookie, `10.${(ipOf.size >> 16) & 255}.${(ipOf.size >> 8) & 255}.${ipOf.size & 255}`);
  return ipOf.get(cookie)!;
}

async function post(
  stats: Stats,
  base: string,
  pagePath: string,
  action: string,
  actionArgs: unknown[],
  cookie: string,
) {
  const { headers, body } = await actionRequest(actionId(ACTIONS, action), actionArgs);
  const started = performance.now();
  stats.requests++;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}${pagePath}`, {
      method: 'POST',
      headers: { ...headers, cookie, origin: base, 'x-forwarded-for': clientIpFor(cookie) },
      body: new Uint8Array(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    text = await response.text();
  } catch {
    // Refused, reset or cut off (the app is down or was killed): the customer tries again.
    stats.unreachable++;
    throw new Unreachable();
  }
  stats.latencies.push(performance.now() - started);
  if (response.status >= 500 || /^\d+:E\{"digest":"\d+"/m.test(text)) {
    stats.serverErrors++;
    throw new Unreachable();
  }
  return { redirect: response.headers.get('x-action-redirect')?.split(';')[0] ?? null, text };
}

type Context = {
  stats: Stats;
  bases: () => string[];
  readCode: (customer: BenchCustomer, paymentId: string, after: Date) => Promise<string | null>;
  until: number;
};

/** One customer paying again and again until time is up; each step is retried until it gets an answer. */
async function customerLoop(customer: BenchCustomer, cookie: string, ctx: Context) {
  const base = () => {
    const all = ctx.bases();
    return all[Math.floor(Math.random() * all.length)]!;
  };
  const retry = async <T>(step: () => Promise<T>): Promise<T | null> => {
    for (;;) {
      if (Date.now() > ctx.until + 60_000) return null;
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
        await sleep(500);
      }
    }
  };
  while (Date.now() < ctx.until) {
    const amountCents = 100 + Math.floor(Math.random() * 1900);
    const amount = (amountCents / 100).toFixed(2);
    const idempotencyKey = randomUUID();
    const started = await retry(() =>
      post(
        ctx.stats,
        base(),
        `/bills/${customer.billId}/pay`,
        'startPaymentAction',
        [customer.billId, IDLE, form({ amount, idempotencyKey, method: customer.methodId })],
        cookie,
      ),
    );
    const paymentId = started?.redirect ? /\/payments\/([0-9a-f-]{36})/.exec(started.redirect)?.[1] : undefined;
    if (!paymentId) return;
    const outcome: Outcome = { paymentId, amountCents, completed: false };
    ctx.stats.outcomes.push(outcome);

    // Ask for the code; the per-phone limits may say to wait.
    let code: string | null = null;
    for (let attempt = 0; attempt < 6 && !code && Date.now() < ctx.until + 60_000; attempt++) {
      const askedAt = new Date(Date.now() - 1000);
      const sent = await retry(() =>
        post(ctx.stats, base(), `/payments/${paymentId}/review`, 'sendPaymentCodeAction', [paymentId, IDLE], cookie),
      );
      if (!sent) return;
      if (!sent.redirect) {
        const reason = (/"message":"([^"]+)"/.exec(sent.text)?.[1] ?? 'refused').replace(/\d+/g, 'N');
        ctx.stats.refusals[reason] = (ctx.stats.refusals[reason] ?? 0) + 1;
        const wait = Number(/"retryAfterSeconds":(\d+)/.exec(sent.text)?.[1] ?? 5);
        if (Date.now() + wait * 1000 > ctx.until) return;
        await sleep(wait * 1000);
        continue;
      }
      for (let i = 0; i < 240 && !code; i++) {
        code = await ctx.readCode(customer, paymentId, askedAt).catch(() => null); // the database may be restarting
        if (!code) await sleep(250);
      }
    }
    if (!code) continue;
    const confirmed = await retry(() =>
      post(
        ctx.stats,
        base(),
        `/payments/${paymentId}/authorize`,
        'confirmPaymentAction',
        [paymentId, IDLE, form({ code: code! })],
        cookie,
      ),
    );
    if (confirmed?.redirect === `/payments/${paymentId}`) {
      // What the receipt page would show.
      for (let i = 0; i < 60; i++) {
        const rows = await sql<{ status: string }>(`SELECT status::text FROM "Payment" WHERE id = $1`, [
          paymentId,
        ]).catch(() => null);
        if (rows) {
          outcome.completed = rows[0]?.status === 'COMPLETED';
          break;
        }
        await sleep(500);
      }
    }
  }
}

// ---- the books ----
async function checkBooks(customers: BenchCustomer[], stats: Stats) {
  const billIds = customers.map((c) => c.billId);
  const [books] = await sql<{
    paid: string;
    reserved: string;
    completed: string;
    completedWithFees: string;
    charged: string;
    inFlight: number;
    completedCount: number;
    confirmations: number;
    strayConfirmations: number;
    usedCodeNotCompleted: number;
  }>(
    `SELECT (SELECT coalesce(sum("amountPaidCents"), 0) FROM "Bill" WHERE id = ANY($1::uuid[]))::text AS paid,
            (SELECT coalesce(sum("amountCents"), 0) FROM "Payment" WHERE "billId" = ANY($1::uuid[]) AND status IN ('PROCESSING', 'REQUIRES_ACTION', 'COMPLETED'))::text AS reserved,
            (SELECT coalesce(sum("amountCents"), 0) FROM "Payment" WHERE "billId" = ANY($1::uuid[]) AND status = 'COMPLETED')::text AS completed,
            (SELECT coalesce(sum("amountCents" + "feeCents" - "refundedCents"), 0) FROM "Payment" WHERE "billId" = ANY($1::uuid[]) AND status = 'COMPLETED')::text AS "completedWithFees",
            (SELECT count(*) FROM "Payment" WHERE "billId" = ANY($1::uuid[]) AND status IN ('PROCESSING', 'REQUIRES_ACTION'))::int AS "inFlight",
            (SELECT coalesce(sum(s."amountCents"), 0)
                    - coalesce((SELECT sum(r."amountCents") FROM "SandboxRefund" r JOIN "SandboxCharge" c ON c.id = r."chargeId"
                                 JOIN "Payment" q ON q.id = c."paymentId" WHERE q."billId" = ANY($1::uuid[])), 0)
               FROM "SandboxCharge" s JOIN "Payment" p ON p.id = s."paymentId"
               WHERE p."billId" = ANY($1::uuid[]) AND s.status = 'succeeded' AND NOT s.returned)::text AS charged,
            (SELECT count(*) FROM "Payment" WHERE "billId" = ANY($1::uuid[]) AND status = 'COMPLETED')::int AS "completedCount",
            (SELECT count(*) FROM "SmsMessage" m JOIN "Payment" p ON p.id = m."paymentId" WHERE p."billId" = ANY($1::uuid[]) AND m.kind = 'PAYMENT_CONFIRMATION' AND p.status = 'COMPLETED')::int AS confirmations,
            (SELECT count(*) FROM "SmsMessage" m JOIN "Payment" p ON p.id = m."paymentId" WHERE p."billId" = ANY($1::uuid[]) AND m.kind = 'PAYMENT_CONFIRMATION' AND p.status <> 'COMPLETED')::int AS "strayConfirmations",
            (SELECT count(*) FROM "Payment" p WHERE p."billId" = ANY($1::uuid[]) AND p.status IN ('CREATED', 'AWAITING_OTP')
                AND EXISTS (SELECT 1 FROM "OtpChallenge" c WHERE c."paymentId" = p.id AND c.status = 'VERIFIED'))::int AS "usedCodeNotCompleted"`,
    [billIds],
  );
  const seenCompleted = stats.outcomes.filter((o) => o.completed);
  const [lost] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Payment" WHERE id = ANY($1::uuid[]) AND status <> 'COMPLETED'`,
    [seenCompleted.map((o) => o.paymentId)],
  );
  const [statuses] = await sql<{ s: Record<string, number> }>(
    `SELECT coalesce(json_object_agg(status, n), '{}') AS s FROM (SELECT status::text, count(*)::int AS n FROM "Payment" WHERE "billId" = ANY($1::uuid[]) GROUP BY status) x`,
    [billIds],
  );
  const result = {
    payments: statuses!.s,
    completedCount: books!.completedCount,
    completedCents: Number(books!.completed),
    billsPaidCents: Number(books!.paid),
    processorChargedCents: Number(books!.charged),
    inFlightAtEnd: books!.inFlight,
    // The bills count every payment in flight or completed; the processor charged exactly the completed
    // ones (with their fees, less refunds).
    booksBalance: books!.paid === books!.reserved && books!.charged === books!.completedWithFees,
    confirmationTexts: books!.confirmations,
    oneConfirmationEach: books!.confirmations === books!.completedCount && books!.strayConfirmations === 0,
    customersSawCompleted: seenCompleted.length,
    lostAfterCustomerSawCompletion: lost!.n,
    usedCodeButNotCompleted: books!.usedCodeNotCompleted,
  };
  return {
    ...result,
    ok:
      result.booksBalance &&
      result.inFlightAtEnd === 0 &&
      result.oneConfirmationEach &&
      result.lostAfterCustomerSawCompletion === 0 &&
      result.usedCodeButNotCompleted === 0,
  };
}

/** Waits for payments left between the phases (a killed app) to be reconciled by the job queue. */
async function waitForPaymentsInFlight(timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Payment" WHERE status IN ('PROCESSING', 'REQUIRES_ACTION')`,
    );
    if (row!.n === 0 || Date.now() > end) return row!.n;
    await sleep(500);
  }
}

async function waitForTexts(timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "SmsMessage" WHERE status IN ('QUEUED', 'SENDING')`,
    );
    if (row!.n === 0 || Date.now() > end) return row!.n;
    await sleep(500);
  }
}

// ---- a scenario ----
async function runScenario(scenario: Scenario) {
  log(`${scenario}: fresh database, ${CUSTOMERS} customers, ${SECONDS} s`);
  await sql(`DROP DATABASE IF EXISTS utilitypay_load WITH (FORCE)`, [], adminUrl.toString());
  await sql(`CREATE DATABASE utilitypay_load`, [], adminUrl.toString());
  await migrateDeploy(databaseUrl);
  await migrateJobQueue(databaseUrl);
  const { createDb } = await import('@/lib/db/client');
  const { seedDemoData } = await import('@/lib/db/demo-data');
  const seedDb = createDb(databaseUrl, 2);
  await seedDemoData(seedDb);
  await seedDb.$disconnect();
  const customers = await benchCustomers(databaseUrl, CUSTOMERS + 1, '206');
  const probe = customers.pop()!;
  const { sessionCookie } = await import('@/bench/http');
  const cookies = await Promise.all(customers.map((c) => sessionCookie('customer', { customerId: c.customerId })));

  const gateway = scenario === 'sms-outage' ? await startFakeGateway(GATEWAY_SECRET) : null;
  const appEnv: Record<string, string> = gateway
    ? { SMS_TRANSPORT: 'http', SMS_HTTP_URL: gateway.url, SMS_HTTP_SECRET: GATEWAY_SECRET }
    : {};
  const apps = [await startApp(PORTS[0]!, appEnv)];
  if (scenario === 'two-instances') apps.push(await startApp(PORTS[1]!, appEnv));
  let up = apps.map((a) => a.base);

  const readCode = gateway
    ? async (customer: BenchCustomer, _paymentId: string, _after: Date) => {
        const texts = [...gateway.delivered.values()].filter((m) => m.to === customer.phone && /#\d{6}$/.test(m.text));
        return texts.length ? /#(\d{6})$/.exec(texts.at(-1)!.text)![1]! : null;
      }
    : async (_customer: BenchCustomer, paymentId: string, after: Date) => {
        const [row] = await sql<{ body: string | null }>(
          `SELECT body FROM "SmsMessage" WHERE "paymentId" = $1 AND kind = 'OTP_PAYMENT' AND "createdAt" >= $2 AND body IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`,
          [paymentId, after],
        );
        return row?.body ? /#(\d{6})$/.exec(row.body)![1]! : null;
      };
  // With the gateway, a customer's newest code is the one to use only if it arrived after asking.
  const stats: Stats = { requests: 0, serverErrors: 0, unreachable: 0, refusals: {}, outcomes: [], latencies: [] };
  const started = Date.now();
  const ctx: Context = { stats, bases: () => up, readCode, until: started + SECONDS * 1000 };
  const notes: Record<string, unknown> = {};

  const fault = (async () => {
    await sleep((SECONDS * 1000) / 4);
    if (scenario === 'sms-outage') {
      log('the SMS gateway refuses everything for 15 s');
      gateway!.behaviour.failNext = Number.MAX_SAFE_INTEGER;
      await sleep(15_000);
      gateway!.behaviour.failNext = 0;
      log('the SMS gateway is back');
    }
    if (scenario === 'kill-app') {
      log('SIGKILL the app');
      up = [];
      await stopApp(apps[0]!, 'SIGKILL');
      await sleep(2000);
      apps[0] = await startApp(PORTS[0]!, appEnv);
      up = [apps[0].base];
      notes.restartedAfterMs = Date.now() - started;
      log('the app is back');
    }
    if (scenario === 'restart-db') {
      log('restart PostgreSQL (the app keeps running)');
      const errorsBefore = stats.serverErrors;
      await database.stop();
      await sleep(3000);
      database = await startEmbeddedPostgres({ dir: dataDir, port: PG_PORT });
      const back = Date.now();
      // Recovered: the app answers its health check (which queries the database) again.
      for (;;) {
        const health = await fetch(`${apps[0]!.base}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.status,
          () => 0,
        );
        if (health === 200) break;
        await sleep(200);
      }
      notes.recoveredMsAfterDatabase = Date.now() - back;
      await sleep(5000);
      notes.serverErrorsAroundRestart = stats.serverErrors - errorsBefore;
      log(`the database is back; the app recovered in ${notes.recoveredMsAfterDatabase} ms`);
    }
    if (scenario === 'two-instances') {
      // The resend cooldown holds across instances: a second code within 60 s is refused on the other.
      const { startPayment } = await import('@/lib/payments/start-payment');
      const cookie = await sessionCookie('customer', { customerId: probe.customerId });
      const { paymentId } = await startPayment({
        customerId: probe.customerId,
        billId: probe.billId,
        methodId: probe.methodId,
        amountCents: 500,
        idempotencyKey: randomUUID(),
        clientIp: null,
      });
      const first = await post(
        stats,
        apps[0]!.base,
        `/payments/${paymentId}/review`,
        'sendPaymentCodeAction',
        [paymentId, IDLE],
        cookie,
      );
      const second = await post(
        stats,
        apps[1]!.base,
        `/payments/${paymentId}/authorize`,
        'resendPaymentCodeAction',
        [paymentId, IDLE],
        cookie,
      );
      notes.cooldownAcrossInstances = {
        firstSent: first.redirect !== null,
        secondRefused: second.redirect === null && /"retryAfterSeconds"/.test(second.text),
      };
      // The same right code to both instances at once: exactly one completion.
      let code: string | null = null;
      for (let i = 0; i < 100 && !code; i++) {
        code = await readCode(probe, paymentId, new Date(0));
        if (!code) await sleep(100);
      }
      const both = await Promise.all(
        apps.map((a) =>
          post(
            stats,
            a.base,
            `/payments/${paymentId}/authorize`,
            'confirmPaymentAction',
            [paymentId, IDLE, form({ code: code! })],
            cookie,
          ),
        ),
      );
      const [row] = await sql<{ status: string; texts: number }>(
        `SELECT p.status::text, (SELECT count(*)::int FROM "SmsMessage" m WHERE m."paymentId" = p.id AND m.kind = 'PAYMENT_CONFIRMATION') AS texts FROM "Payment" p WHERE p.id = $1`,
        [paymentId],
      );
      notes.sameCodeToBothInstances = {
        answers: both.map((b) => b.redirect),
        status: row!.status,
        confirmationTexts: row!.texts,
      };
    }
  })();

  await Promise.all(customers.map((c, i) => customerLoop(c, cookies[i]!, ctx)));
  await fault;
  await waitForPaymentsInFlight(120_000);
  const undelivered = await waitForTexts(120_000);
  const books = await checkBooks(scenario === 'two-instances' ? [...customers, probe] : customers, stats);
  const latencies = stats.latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN);
  const result: Record<string, unknown> = {
    scenario,
    customers: CUSTOMERS,
    seconds: SECONDS,
    requests: stats.requests,
    p50Ms: pct(50),
    p99Ms: pct(99),
    serverErrors: stats.serverErrors,
    unreachable: stats.unreachable,
    refusals: stats.refusals,
    textsNotHandedOff: undelivered,
    ...books,
    ...notes,
  };
  if (gateway) {
    const [texts] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "SmsMessage"`);
    result.gateway = {
      textsInDatabase: texts!.n,
      deliveredOnce: gateway.delivered.size,
      repeatsRefusedByIdempotencyKey: gateway.duplicatesDropped(),
      requests: gateway.requests(),
    };
    result.eachTextOnce = gateway.delivered.size === texts!.n;
    await gateway.close();
  }
  const twoOk =
    scenario !== 'two-instances' ||
    ((notes.cooldownAcrossInstances as { secondRefused: boolean }).secondRefused &&
      (notes.sameCodeToBothInstances as { confirmationTexts: number }).confirmationTexts === 1);
  const errorsOk = scenario === 'kill-app' || scenario === 'restart-db' ? true : stats.serverErrors === 0;
  result.passed = books.ok && undelivered === 0 && errorsOk && twoOk && (result.eachTextOnce ?? true) === true;
  for (const app of apps) await stopApp(app);
  log(`${scenario}: ${result.passed ? 'PASSED' : 'FAILED'}`);
  console.log(JSON.stringify(result, null, 2));
  return result;
}

// Before a build that can take a minute: a taken port would only fail after it.
for (const port of PORTS)
  if (!(await portIsFree(port)))
    throw new Error(
      `Port ${port} is taken: stop whatever uses it or set LOAD_APP_PORT (the load uses it and the next port).`,
    );
await buildIfStale({ ...process.env }, () => log('building the app…'));
const results = [];
try {
  for (const scenario of scenarios) results.push(await runScenario(scenario));
} finally {
  await database.stop();
}
const file = path.join('bench', 'results', 'load-latest.json');
const previous = fs.existsSync(file)
  ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { scenarios?: Record<string, unknown> })
  : {};
const byName = Object.fromEntries(results.map((r) => [r.scenario as string, { date: new Date().toISOString(), ...r }]));
fs.writeFileSync(file, `${JSON.stringify({ scenarios: { ...(previous.scenarios ?? {}), ...byName } }, null, 2)}\n`);
console.table(
  results.map((r) => ({
    scenario: r.scenario,
    passed: r.passed,
    requests: r.requests,
    'p99 ms': r.p99Ms,
    '5xx': r.serverErrors,
    completed: r.completedCount,
    'books balance': r.booksBalance,
  })),
);
process.exit(results.every((r) => r.passed) ? 0 : 1);

import os from 'node:os';
import pg from 'pg';
import { migrateDeploy } from '@/lib/db/migrate';
import { migrateJobQueue } from '@/lib/jobs/queue';
import { databaseServer, recreateDatabase } from '@/test/database';

export type BenchDatabase = { url: string; serverVersion: string; stop: () => Promise<void> };

/** A fresh, migrated `utilitypay_bench` database on DATABASE_URL's server, or on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const { serverUrl, stop } = await databaseServer(
    'bench-postgres',
    Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 25435),
  );
  const url = await recreateDatabase(serverUrl, 'utilitypay_bench');
  await migrateDeploy(url);
  await migrateJobQueue(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  await client.end();
  return { url, serverVersion, stop };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `cycle` from `clients` concurrent loops for `seconds`; returns throughput and latencies (ms). */
export async function measure(clients: number, seconds: number, cycle: (client: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await cycle(client, i);
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          if (errors < 3) console.error(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    cycles: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

/** A bench customer: their own account and open bill, and a saved sandbox Visa (4242) as their default. */
export type BenchCustomer = { customerId: string; billId: string; phone: string; methodId: string };

/**
 * `count` customers, each with their own linked account and an open bill too large to pay off, so
 * concurrent payments never wait on one another's bill lock. Phones are +1<area>NNNNNNN; each
 * customer stays under the per-phone code caps by paying a few times at most.
 */
export async function benchCustomers(url: string, count: number, area: string): Promise<BenchCustomer[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<BenchCustomer>(
      `WITH u AS (SELECT id FROM "Utility" ORDER BY "createdAt" LIMIT 1),
            a AS (INSERT INTO "ServiceAccount" (id, "utilityId", "accountNumber", "holderName", "serviceAddress", "postalCode", "updatedAt")
                  SELECT gen_random_uuid(), u.id, $2 || (2000000 + i)::text, 'Bench Payer ' || i, i || ' Load St', '62701', now() FROM u, generate_series(1, $1::int) i
                  RETURNING id, "accountNumber"),
            b AS (INSERT INTO "Bill" (id, "accountId", "statementDate", "periodStart", "periodEnd", "dueDate", "amountDueCents", "updatedAt")
                  SELECT gen_random_uuid(), a.id, date '2026-11-01', date '2026-10-01', date '2026-10-31', date '2026-11-25', 99999999, now() FROM a
                  RETURNING id, "accountId"),
            c AS (INSERT INTO "Customer" (id, name, "phoneE164", "phoneVerifiedAt")
                  SELECT gen_random_uuid(), 'Bench Payer ' || i, '+1' || $2 || (2000000 + i)::text, now() FROM generate_series(1, $1::int) i
                  RETURNING id, "phoneE164"),
            l AS (INSERT INTO "CustomerAccount" ("customerId", "accountId")
                  SELECT c.id, a.id FROM c JOIN a ON '+1' || a."accountNumber" = c."phoneE164" RETURNING "customerId", "accountId"),
            m AS (INSERT INTO "PaymentMethod" (id, "customerId", type, processor, token, brand, last4, "expMonth", "expYear", saved, "isDefault")
                  SELECT gen_random_uuid(), c.id, 'CARD', 'sandbox', 'pm_sandbox_approve_4242_12_2040_' || substr(md5(c.id::text), 1, 12), 'Visa', '4242', 12, 2040, true, true FROM c
                  RETURNING id, "customerId")
       SELECT l."customerId" AS "customerId", b.id AS "billId", c."phoneE164" AS phone, m.id AS "methodId"
         FROM l JOIN b ON b."accountId" = l."accountId" JOIN c ON c.id = l."customerId" JOIN m ON m."customerId" = c.id ORDER BY c."phoneE164"`,
      [count, area],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * The code in a code text, read the way the customer reads it (from the text): sealed while queued,
 * in the clear once the development outbox has "delivered" it.
 */
export async function codeInText(challengeId: string): Promise<string> {
  const { db } = await import('@/lib/db');
  const { unsealText } = await import('@/lib/sms/seal');
  const message = await db().smsMessage.findFirstOrThrow({
    where: { challengeId },
    select: { id: true, sealedBody: true, body: true },
  });
  const text = message.body ?? unsealText(message.sealedBody!, message.id);
  return /#(\d{6})$/.exec(text)![1]!;
}

export { statementsPerCycle } from '@/test/statements';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; hitCount?: number };
/** A V8 CPU profile (`.cpuprofile`): sample times in microseconds of the monotonic clock. */
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples?: number[]; timeDeltas?: number[] };

/** What a CPU profile's samples were spent in: a package, one of our files, or V8's own (GC, idle, program). */
function whereSpent(url: string, functionName: string): string {
  if (!url) return functionName ? `(${functionName.replace(/[()]/g, '')})` : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return url;
  const ours = /\/(lib|bench|test|app)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/**
 * Runs `cycle` as `measure` does, under V8's sampling profiler and the process's CPU clock: this
 * process's CPU milliseconds per cycle, and where they went (self time, by package or file; idle
 * is time the process waited, for PostgreSQL mostly).
 */
export async function profileCycles(
  clients: number,
  seconds: number,
  cycle: (client: number, i: number) => Promise<void>,
) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const result = await measure(clients, seconds, cycle);
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  return {
    clients,
    cycles: result.cycles,
    perSecond: Math.round(result.perSecond),
    cpuMsPerCycle: +((used.user + used.system) / 1000 / Math.max(1, result.cycles)).toFixed(2),
    top: whereProfileWent(profile),
  };
}

/**
 * Where a profile's samples went (self time, by package or file, the 12 largest), counting only
 * samples between `window.fromUs` and `window.toUs` (monotonic microseconds) when given, and only
 * busy ones (not idle) when `busyOnly`.
 */
export function whereProfileWent(profile: CpuProfile, window?: { fromUs: number; toUs: number }, busyOnly = false) {
  const byNode = new Map<number, number>();
  if (window) {
    let at = profile.startTime;
    profile.samples?.forEach((node, i) => {
      at += profile.timeDeltas?.[i] ?? 0;
      if (at >= window.fromUs && at <= window.toUs) byNode.set(node, (byNode.get(node) ?? 0) + 1);
    });
  } else {
    for (const node of profile.nodes) byNode.set(node.id, node.hitCount ?? 0);
  }
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const count = byNode.get(node.id) ?? 0;
    if (count === 0) continue;
    const where = whereSpent(node.callFrame.url, node.callFrame.functionName);
    if (busyOnly && where === '(idle)') continue;
    hits.set(where, (hits.get(where) ?? 0) + count);
    total += count;
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([where, count]) => ({ where, share: `${((100 * count) / total).toFixed(1)}%` }));
}

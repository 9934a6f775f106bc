// `npm run bench`: throughput and latency of the OTP engine on the local PostgreSQL, and how fast a
// queued code text is handed to the transport. Prints a table and writes bench/results/*.json.
import fs from 'node:fs';
import path from 'node:path';
import { benchDatabase, machine, measure, percentile } from './setup';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const database = await benchDatabase();
Object.assign(process.env, { DATABASE_URL: database.url, APP_ENV: 'development', SMS_TRANSPORT: 'outbox', SMS_WORKER: 'off', DATABASE_POOL_SIZE: '40' });

const { db } = await import('@/lib/db');
const { createChallenge } = await import('@/lib/otp/create-challenge');
const { verifyChallenge } = await import('@/lib/otp/verify-challenge');
const { unsealText } = await import('@/lib/sms/seal');
const { smsTemplates } = await import('@/lib/sms/templates');
const { startSmsWorker } = await import('@/lib/sms/worker');

const utility = { shortName: 'Riverside W&P', currency: 'USD', timeZone: 'America/Chicago' };
let sequence = 0;
const phone = () => `+1201${String(1_000_000 + sequence++).slice(-7)}`;

/** One sign-in cycle as a customer lives it: code created and queued, read from the text, verified. */
async function otpCycle() {
  const to = phone();
  const { challengeId } = await createChallenge({
    purpose: 'SIGN_IN',
    phoneE164: to,
    clientIp: null,
    message: (code) => ({ kind: 'OTP_SIGN_IN', text: smsTemplates.signInCode({ utility, code, host: 'pay.example.com' }) }),
  });
  const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId }, select: { id: true, sealedBody: true } });
  const code = /#(\d{6})$/.exec(unsealText(message.sealedBody!, message.id))![1]!;
  await verifyChallenge({ challengeId, purpose: 'SIGN_IN', code, clientIp: null, onVerified: async () => null });
}

const otp = [];
for (const clients of [1, 8, 32]) {
  await measure(clients, 1, otpCycle); // warm-up
  otp.push(await measure(clients, SECONDS, otpCycle));
}

// Code text latency: from the request (createChallenge called) to the hand-off to the transport.
const runner = await startSmsWorker(database.url, 4);
const handOff: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = Date.now();
  const { challengeId } = await createChallenge({
    purpose: 'REGISTRATION',
    phoneE164: phone(),
    clientIp: null,
    message: (code) => ({ kind: 'OTP_REGISTRATION', text: smsTemplates.registrationCode({ utility, code, host: 'pay.example.com' }) }),
  });
  for (;;) {
    const m = await db().smsMessage.findFirst({ where: { challengeId, handedOffAt: { not: null } }, select: { handedOffAt: true } });
    if (m) {
      handOff.push(m.handedOffAt!.getTime() - started);
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}
await runner.stop();
handOff.sort((a, b) => a - b);

// Staff: the filtered payments page over 100,000 payments (the page's server work is this query).
const { seedDemoData } = await import('@/lib/db/demo-data');
await seedDemoData(db());
const { seedBenchPayments } = await import('./seed-payments');
const seedStarted = performance.now();
await seedBenchPayments(database.url, 100_000);
const seedSeconds = (performance.now() - seedStarted) / 1000;
const { listPayments } = await import('@/lib/staff/list-payments');
const { PaymentFiltersSchema } = await import('@/lib/validation/staff');
const firstPage = await listPayments(PaymentFiltersSchema.parse({}), 'America/Chicago');
const today = new Date().toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10);
const staffQueries: Record<string, Record<string, string>> = {
  'newest, no filter': {},
  'next page (cursor)': { cursor: firstPage.nextCursor! },
  'completed, last 30 days': { status: 'COMPLETED', from: monthAgo, to: today },
  'amount 100-200, largest first': { min: '100', max: '200', sort: 'amount_desc' },
  'one account': { account: '7000000500' },
  'one phone': { phone: '+12025550500' },
  'confirmation number': { confirmation: 'BENCH-0050000' },
};
const staff = [];
for (const [name, query] of Object.entries(staffQueries)) {
  const filters = PaymentFiltersSchema.parse(query);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    rows = (await listPayments(filters, 'America/Chicago')).rows.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  staff.push({ query: name, rows, p50: +percentile(times, 50).toFixed(1), p99: +percentile(times, 99).toFixed(1) });
}

const results = {
  date: new Date().toISOString(),
  machine: machine(),
  postgres: database.serverVersion,
  secondsPerPoint: SECONDS,
  otpCycle: otp.map((r) => ({ ...r, perSecond: Math.round(r.perSecond), p50: +r.p50.toFixed(1), p99: +r.p99.toFixed(1) })),
  codeTextHandOffMs: { samples: handOff.length, p50: percentile(handOff, 50), p99: percentile(handOff, 99), max: handOff.at(-1), target: 1000 },
  staffPaymentsPage: { payments: 100_000, seedSeconds: +seedSeconds.toFixed(1), targetMs: 200, queries: staff },
};

console.log(`\nUtilityPay bench · PostgreSQL ${results.postgres} · ${results.machine.cpus} cores · Node ${results.machine.node}\n`);
console.log('OTP cycle (create + queue SMS + verify), sign-in purpose');
console.table(results.otpCycle.map((r) => ({ clients: r.clients, 'cycles/s': r.perSecond, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors })));
console.log('Code text: request -> handed to the transport (target < 1000 ms)');
console.table([{ samples: handOff.length, 'p50 ms': results.codeTextHandOffMs.p50, 'p99 ms': results.codeTextHandOffMs.p99, 'max ms': results.codeTextHandOffMs.max }]);

console.log('Staff payments page over 100,000 payments: server query time (target < 200 ms)');
console.table(staff.map((q) => ({ query: q.query, rows: q.rows, 'p50 ms': q.p50, 'p99 ms': q.p99 })));

const file = path.join('bench', 'results', `otp-${results.date.slice(0, 10)}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join('bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWritten to ${file} and bench/results/latest.json`);
await db().$disconnect();
await database.stop();

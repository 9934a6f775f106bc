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

const results = {
  date: new Date().toISOString(),
  machine: machine(),
  postgres: database.serverVersion,
  secondsPerPoint: SECONDS,
  otpCycle: otp.map((r) => ({ ...r, perSecond: Math.round(r.perSecond), p50: +r.p50.toFixed(1), p99: +r.p99.toFixed(1) })),
  codeTextHandOffMs: { samples: handOff.length, p50: percentile(handOff, 50), p99: percentile(handOff, 99), max: handOff.at(-1), target: 1000 },
};

console.log(`\nUtilityPay bench · PostgreSQL ${results.postgres} · ${results.machine.cpus} cores · Node ${results.machine.node}\n`);
console.log('OTP cycle (create + queue SMS + verify), sign-in purpose');
console.table(results.otpCycle.map((r) => ({ clients: r.clients, 'cycles/s': r.perSecond, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors })));
console.log('Code text: request -> handed to the transport (target < 1000 ms)');
console.table([{ samples: handOff.length, 'p50 ms': results.codeTextHandOffMs.p50, 'p99 ms': results.codeTextHandOffMs.p99, 'max ms': results.codeTextHandOffMs.max }]);

const file = path.join('bench', 'results', `otp-${results.date.slice(0, 10)}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join('bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWritten to ${file} and bench/results/latest.json`);
await db().$disconnect();
await database.stop();

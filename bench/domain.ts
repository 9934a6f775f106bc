// The domain layer on the local PostgreSQL: the OTP sign-in cycle, the payment cycle, and two bars for
// it: the replay of its own statements through raw pg (bench/replay.ts), and the floor the database sets
// for its write transactions as bare single-statement SQL (same database, same run).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { resetDbForTests } from '@/lib/db';
import { capturing, copyDatabase, replay } from './replay';
import { codeInText, measure, statementsPerCycle, type BenchCustomer } from './setup';

const utility = { shortName: 'Riverside W&P', currency: 'USD', timeZone: 'America/Chicago' };
const LEVELS = [1, 8, 32];

type Point = Awaited<ReturnType<typeof measure>>;
const rounded = (r: Point) => ({
  ...r,
  perSecond: Math.round(r.perSecond),
  p50: +r.p50.toFixed(1),
  p99: +r.p99.toFixed(1),
});

/** One sign-in cycle as a customer lives it: code created and queued, read from the text, verified. */
export async function otpCycleBench(seconds: number) {
  const { createChallenge } = await import('@/lib/otp/create-challenge');
  const { verifyChallenge } = await import('@/lib/otp/verify-challenge');
  const smsTemplates = (await import('@/lib/sms/templates')).SMS_TEMPLATES['en-US'];
  let sequence = 0;
  const cycle = async () => {
    const { challengeId } = await createChallenge({
      purpose: 'SIGN_IN',
      phoneE164: `+1201${String(2_000_000 + sequence++)}`,
      clientIp: null,
      message: (code) => ({
        kind: 'OTP_SIGN_IN',
        text: smsTemplates.signInCode({ utility, code, host: 'pay.example.com' }),
      }),
    });
    await verifyChallenge({
      challengeId,
      purpose: 'SIGN_IN',
      code: await codeInText(challengeId),
      clientIp: null,
      onVerified: async () => null,
    });
  };
  const points = [];
  for (const clients of LEVELS) {
    await measure(clients, 1, cycle); // warm-up
    points.push(rounded(await measure(clients, seconds, cycle)));
  }
  return points;
}

/**
 * The payment cycle through the real code: start a payment, create and text its code, read the code
 * from the text, verify it, charge the sandbox processor, complete, queue the confirmation text.
 * Each cycle is a different customer (the per-phone code caps would stop one customer).
 */
export async function paymentCycleBench(url: string, seconds: number, customers: BenchCustomer[]) {
  const { startPayment } = await import('@/lib/payments/start-payment');
  const { sendPaymentCode } = await import('@/lib/payments/send-payment-code');
  const { confirmPayment } = await import('@/lib/payments/confirm-payment');
  let next = 0;
  const cycle = async () => {
    const customer = customers[next++];
    if (!customer) throw new Error('The bench ran out of customers: raise BENCH_CUSTOMERS');
    const { customerId } = customer;
    const { paymentId } = await startPayment({
      customerId,
      billId: customer.billId,
      methodId: customer.methodId,
      amountCents: 100,
      idempotencyKey: randomUUID(),
      clientIp: null,
    });
    const { challengeId } = await sendPaymentCode({ customerId, paymentId, clientIp: null });
    const result = await confirmPayment({ customerId, paymentId, code: await codeInText(challengeId), clientIp: null });
    if (result.outcome !== 'completed') throw new Error(`Payment ${paymentId} was ${result.outcome}`);
  };

  // How many write transactions one cycle commits: each takes a transaction id; reads do not.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const xid = async () =>
    Number((await client.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x);
  const before = await xid();
  const sample = 20;
  for (let i = 0; i < sample; i++) await cycle();
  const writesPerCycle = ((await xid()) - before - 1) / sample;
  const statements = await statementsPerCycle(cycle);
  await client.query(
    'CREATE TABLE IF NOT EXISTS bench_limit (id uuid PRIMARY KEY, at timestamptz NOT NULL, payload text NOT NULL)',
  );
  await client.end();

  // The floor: the same number of write transactions per cycle, each one bare INSERT (a single
  // round trip and commit), from the same number of concurrent clients on the same database. It
  // follows the cycle's commits, so the replay below is the bar that does not move with our design.
  const writes = Math.max(1, Math.round(writesPerCycle));

  const points = [];
  for (const clients of LEVELS) {
    await measure(clients, 1, cycle); // warm-up
    // The replay's database: this one as the measured cycles will find it (no connection may be open).
    await resetDbForTests();
    const copy = await copyDatabase(url, 'utilitypay_bench_replay');
    const { result, cycles } = await capturing((capture) => measure(clients, seconds, () => capture(cycle)));
    const ours = rounded(result);
    const replayed = await replay(copy.url, cycles, clients);
    await copy.drop();

    const pool = new pg.Pool({ connectionString: url, max: clients });
    const bare = async () => {
      for (let i = 0; i < writes; i++)
        await pool.query('INSERT INTO bench_limit (id, at, payload) VALUES ($1, now(), $2)', [randomUUID(), 'bench']);
    };
    await measure(clients, 1, bare);
    const floor = rounded(await measure(clients, seconds, bare));
    await pool.end();
    points.push({
      ...ours,
      replayPerSecond: Math.round(replayed.perSecond),
      ofReplay: +(ours.perSecond / replayed.perSecond).toFixed(2),
      replayedStatementsPerCycle: +replayed.statementsPerCycle.toFixed(1),
      replaySlowest: replayed.slowest,
      floorPerSecond: floor.perSecond,
      ofFloor: +(ours.perSecond / floor.perSecond).toFixed(2),
    });
  }
  return {
    writeTransactionsPerCycle: writesPerCycle,
    statementsPerCycle: statements,
    customersUsed: next,
    points,
    targets: { ofReplay: 0.7, ofFloor: 0.15 },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { useOwnDatabase } from '@/test/database';
import { startFakeGateway, startFakeTwilio } from '@/test/fakes/sms-providers';
import { uniquePhone } from '@/test/factories';
import { send } from '@/test/otp-helpers';
import { deliverMessage, POSSIBLE_DUPLICATE } from './deliver';
import { queueSms } from './queue';
import { resetTransportForTests } from './transports';
import { outboxTransport } from './transports/outbox';
import { twilioTransport } from './transports/twilio';
import { startJobRunner } from '@/lib/jobs/runner';

const SECRET = 'gateway-secret-'.padEnd(40, 'z');
let url: string;
let gateway: Awaited<ReturnType<typeof startFakeGateway>>;

function useGatewayTransport() {
  Object.assign(process.env, { SMS_TRANSPORT: 'http', SMS_HTTP_URL: gateway.url, SMS_HTTP_SECRET: SECRET });
  resetEnvForTests();
  resetTransportForTests();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

async function queuePlain(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      (await db().$transaction((tx) =>
        queueSms(tx, {
          kind: 'PAYMENT_CONFIRMATION',
          toE164: uniquePhone(),
          text: `Confirmation ${i}`,
          carriesCode: false,
        }),
      ))!,
    );
  }
  return ids;
}

async function countJobs(): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs`)).rows[0]!.n;
  } finally {
    await client.end();
  }
}

const allDelivered = (ids: string[]) => async () =>
  (await db().smsMessage.count({ where: { id: { in: ids }, status: { in: ['SENT', 'DELIVERED'] } } })) === ids.length;

beforeAll(async () => {
  url = await useOwnDatabase('utilitypay_sms');
  gateway = await startFakeGateway(SECRET);
});
afterAll(async () => {
  await gateway.close();
});

describe('durable delivery', () => {
  it('a rolled-back transaction sends nothing', async () => {
    const phone = uniquePhone();
    const jobsBefore = await countJobs();
    await expect(
      db().$transaction(async (tx) => {
        await queueSms(tx, { kind: 'PAYMENT_CONFIRMATION', toE164: phone, text: 'never', carriesCode: false });
        throw new Error('the payment failed');
      }),
    ).rejects.toThrow('the payment failed');
    expect(await db().smsMessage.count({ where: { toE164: phone } })).toBe(0);
    expect(await countJobs()).toBe(jobsBefore);
    // The same work, committed, leaves a message and its job.
    await db().$transaction((tx) =>
      queueSms(tx, { kind: 'PAYMENT_CONFIRMATION', toE164: phone, text: 'kept', carriesCode: false }),
    );
    expect(await db().smsMessage.count({ where: { toE164: phone } })).toBe(1);
    expect(await countJobs()).toBe(jobsBefore + 1);
  });

  it('after a full flow through Twilio, no table holds the code, the job queue included', async () => {
    const twilio = await startFakeTwilio();
    try {
      const phone = uniquePhone();
      const { challengeId } = await send('SIGN_IN', phone);
      const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
      const transport = twilioTransport({
        accountSid: 'AC00000000000000000000000000000000',
        authToken: 't',
        from: '+12015550199',
        apiBaseUrl: twilio.url,
      });
      expect(await deliverMessage(message.id, { attempt: 1, maxAttempts: 5 }, transport)).toBe('handed-off');
      const code = /#(\d{6})$/.exec(twilio.received.at(-1)!.body)![1]!;
      await verifyChallenge({ challengeId, purpose: 'SIGN_IN', code, clientIp: null, onVerified: async () => null });

      const after = await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(after).toMatchObject({
        status: 'SENT',
        body: null,
        sealedBody: null,
        redacted: true,
        providerMessageId: twilio.received.at(-1)!.sid,
      });

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ schema: string; name: string }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
            WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'`,
        );
        expect(tables.length).toBeGreaterThan(10);
        for (const table of tables) {
          const { rows } = await client.query(
            `SELECT count(*)::int AS n FROM "${table.schema}"."${table.name}" t WHERE t::text LIKE $1`,
            [`%${code}%`],
          );
          expect({ table: `${table.schema}.${table.name}`, rows: rows[0].n }).toEqual({
            table: `${table.schema}.${table.name}`,
            rows: 0,
          });
        }
      } finally {
        await client.end();
      }
    } finally {
      await twilio.close();
    }
  });

  it('the development outbox keeps the delivered text for its inbox', async () => {
    const { challengeId } = await send('REGISTRATION', uniquePhone());
    const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    await deliverMessage(message.id, { attempt: 1, maxAttempts: 5 }, outboxTransport);
    const after = await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(after).toMatchObject({ status: 'DELIVERED', sealedBody: null, redacted: false });
    expect(after.body).toMatch(/^Lakeside G&E: \d{6} is your code to register/);
  });

  it('a permanent refusal or the last attempt makes the message DEAD and redacts a code', async () => {
    useGatewayTransport();
    const { challengeId } = await send('SIGN_IN', uniquePhone());
    const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    gateway.behaviour.failNext = 1;
    gateway.behaviour.failStatus = 400;
    expect(await deliverMessage(message.id, { attempt: 1, maxAttempts: 5 })).toBe('dead');
    expect(await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: 'DEAD',
      sealedBody: null,
      redacted: true,
    });
    gateway.behaviour.failStatus = 503;
  });

  it('marks a retry after an unanswered hand-off as a possible duplicate when the provider cannot deduplicate', async () => {
    const twilio = await startFakeTwilio();
    try {
      const [id] = await queuePlain(1);
      // A worker died while the message was with the provider.
      await db().smsMessage.update({ where: { id: id! }, data: { status: 'SENDING', attempts: 1 } });
      const transport = twilioTransport({
        accountSid: 'AC00000000000000000000000000000000',
        authToken: 't',
        from: '+12015550199',
        apiBaseUrl: twilio.url,
      });
      await deliverMessage(id!, { attempt: 2, maxAttempts: 8 }, transport);
      expect(await db().smsMessage.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
        status: 'SENT',
        lastError: POSSIBLE_DUPLICATE,
      });
    } finally {
      await twilio.close();
    }
  });
});

describe('the worker', () => {
  let runners: Runner[] = [];
  afterAll(async () => {
    for (const r of runners) await r.stop();
  });

  // How fast a text goes out is the bench's to measure (`npm run bench -- otp`: p99 14 ms); this
  // shows it does not wait for a poll. The runner polls once at start, then not for an hour: only
  // the job's notification can get it delivered within the test.
  it('delivers an OTP message on its notification, without waiting for a poll', async () => {
    useGatewayTransport();
    runners.push(await startJobRunner(url, 4, 120, 3_600_000));
    const { challengeId } = await send('SIGN_IN', uniquePhone());
    const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    await waitUntil(allDelivered([message.id]), 20_000);
    for (const r of runners) await r.stop();
    runners = [];
  }, 30_000);

  it('two workers on one database, with the provider failing for a while: every message once', async () => {
    useGatewayTransport();
    const requestsBefore = gateway.requests();
    gateway.behaviour.failNext = 6;
    runners.push(await startJobRunner(url, 4), await startJobRunner(url, 4));
    const ids = await queuePlain(20);
    // Failed hand-offs back off (e^1, e^2 s, …); the queue drains once the provider recovers.
    await waitUntil(allDelivered(ids), 25_000);
    for (const id of ids) expect(gateway.delivered.has(id)).toBe(true);
    expect(gateway.duplicatesDropped()).toBe(0);
    // 20 hand-offs plus the 6 that failed: nothing was sent twice.
    expect(gateway.requests() - requestsBefore).toBe(26);
    for (const r of runners) await r.stop();
    runners = [];
  }, 40_000);

  it('a worker killed mid-batch and restarted: nothing lost, nothing doubled', async () => {
    useGatewayTransport();
    gateway.behaviour.delayMs = 300;
    const env = { ...process.env, DATABASE_URL: url, SMS_STUCK_AFTER_SECONDS: '2', SMS_WORKER_CONCURRENCY: '2' };
    const startWorker = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], {
        env,
        stdio: 'ignore',
      });
    const ids = await queuePlain(12);
    const first = startWorker();
    await waitUntil(
      async () => (await db().smsMessage.count({ where: { id: { in: ids }, status: 'SENT' } })) >= 3,
      20_000,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    gateway.behaviour.delayMs = 0;
    const second = startWorker();
    try {
      await waitUntil(allDelivered(ids), 30_000);
    } finally {
      second.kill('SIGTERM');
    }
    for (const id of ids) expect(gateway.delivered.has(id)).toBe(true);
    // A message cut off mid hand-off may reach the gateway again; it carries the same
    // Idempotency-Key, so the gateway drops it: no one gets a text twice.
    const attempts = await db().smsMessage.findMany({ where: { id: { in: ids } }, select: { attempts: true } });
    expect(attempts.every((a) => a.attempts >= 1)).toBe(true);
  }, 60_000);
});

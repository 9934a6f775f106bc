import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { deviceHash, newDeviceId } from '@/lib/customers/devices';
import { statusesBefore } from '@/lib/payments/states';
import { maskPhone } from '@/lib/phone';
import { makeMethod, makePayment, uniqueIp } from '@/test/factories';
import { legacyBudgetOfDevice } from '@/test/legacy/binding';
import { createChallenge as legacyCreate } from '@/test/legacy/create-challenge';
import { verifyChallenge as legacyVerify } from '@/test/legacy/verify-challenge';
import { codeFor, controlClock, messageFor, wrong } from '@/test/otp-helpers';
import { createChallenge } from './create-challenge';
import { OtpError } from './errors';
import { payerBudget } from './policy';
import { verifyChallenge } from './verify-challenge';

/**
 * Issue #15's proof that moving the OTP rules into PL/pgSQL weakened nothing: random sequences of
 * sends, resends, wrong and right codes, payment changes, trusted browsers, clock jumps and parallel
 * submissions run against the old TypeScript steps (test/legacy) and the new ones, each in a world
 * of its own (phone, client address, payment), from the same instant. What each answers and what
 * each leaves in the database (challenges, events, limit hits, texts, audit entries, the payment)
 * must be the same, once phone, address, ids and times are named relative to the world.
 */

afterEach(() => vi.restoreAllMocks());

type Purpose = 'SIGN_IN' | 'PAYMENT';
type Command =
  | { kind: 'send'; purpose: Purpose }
  | { kind: 'right'; which: 'last' | 'first' }
  | { kind: 'wrong'; which: 'last' | 'first'; times: number }
  | { kind: 'parallel'; n: number }
  | { kind: 'change'; what: 'amount' | 'fee' | 'method' }
  | { kind: 'trust' }
  /** An attacker's round: a code, three wrong tries at it, a minute's wait (the resend cooldown). */
  | { kind: 'guess'; purpose: Purpose }
  | { kind: 'jump'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      purpose: fc.constantFrom<Purpose>('SIGN_IN', 'PAYMENT'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('right' as const),
      which: fc.constantFrom('last' as const, 'first' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('wrong' as const),
      which: fc.constantFrom('last' as const, 'first' as const),
      times: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('parallel' as const), n: fc.integer({ min: 2, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      what: fc.constantFrom('amount' as const, 'fee' as const, 'method' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'trust' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('guess' as const),
      purpose: fc.constantFrom<Purpose>('SIGN_IN', 'PAYMENT'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      // A second, the resend cooldown, a code's lifetime, the 10-minute send window, a day.
      ms: fc.constantFrom(1_000, 61_000, 5 * 60_000 + 1, 10 * 60_000 + 1, 24 * 3600_000 + 1),
    }),
  },
);

type Steps = {
  create: typeof createChallenge;
  verify: typeof verifyChallenge;
  /** The same budget choice, in each path's own shape. */
  budgets: (purpose: Purpose, device: string) => object;
};

const NEW: Steps = {
  create: createChallenge,
  verify: verifyChallenge,
  budgets: (purpose, device) =>
    purpose === 'PAYMENT' ? { failureBudget: (phone: string) => payerBudget(phone) } : { deviceHash: device },
};

const OLD: Steps = {
  create: legacyCreate as unknown as typeof createChallenge,
  verify: legacyVerify as unknown as typeof verifyChallenge,
  budgets: (purpose, device) => ({
    failureBudget:
      purpose === 'PAYMENT' ? (_tx: Tx, phone: string) => payerBudget(phone) : legacyBudgetOfDevice(device),
  }),
};

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const { customer, payment } = await makePayment({ amountCents: 5_000, amountDueCents: 50_000 });
  const otherMethodId = await makeMethod(customer.id, '5555555555554444');
  return {
    phone: customer.phoneE164,
    ip: uniqueIp(),
    device: deviceHash(newDeviceId()),
    customerId: customer.id,
    paymentId: payment.id,
    methodIds: [payment.methodId!, otherMethodId],
    challenges: [] as Array<{ id: string; purpose: Purpose }>,
  };
}

/** Every answer the runs got: the test proves it reached each refusal, not only the happy path. */
const answered = new Set<string>();

function answer(outcome: PromiseSettledResult<unknown>): string {
  if (outcome.status === 'fulfilled' && outcome.value === 'none') return 'none'; // no code to try
  answered.add(outcome.status === 'fulfilled' ? 'ok' : String((outcome.reason as { code?: unknown }).code));
  if (outcome.status === 'fulfilled') return 'ok';
  const error = outcome.reason;
  if (!(error instanceof OtpError)) throw error;
  return [error.code, error.userMessage, error.details.attemptsLeft ?? '', error.details.retryAfterSeconds ?? ''].join(
    ':',
  );
}

async function run(steps: Steps, world: World, commands: Command[], start: Date): Promise<string[]> {
  const time = controlClock(start);
  const answers: string[] = [];
  const verifyOne = async (which: 'last' | 'first', right: boolean) => {
    const challenge = which === 'last' ? world.challenges.at(-1) : world.challenges[0];
    if (!challenge) return 'none';
    const code = await codeFor(challenge.id);
    return steps.verify({
      challengeId: challenge.id,
      purpose: challenge.purpose,
      code: right ? code : wrong(code),
      clientIp: world.ip,
      ...steps.budgets(challenge.purpose, world.device),
      onVerified: async (tx) => {
        await audit(
          {
            actorType: 'CUSTOMER',
            actorId: world.customerId,
            action: 'customer.signed_in',
            subjectType: 'challenge',
            subjectId: challenge.id,
          },
          tx,
        );
      },
    });
  };
  const primitive = commands.flatMap((c): Command[] =>
    c.kind === 'guess'
      ? [
          { kind: 'send', purpose: c.purpose },
          { kind: 'wrong', which: 'last', times: 3 },
          { kind: 'jump', ms: 61_000 },
        ]
      : [c],
  );
  for (const c of primitive) {
    switch (c.kind) {
      case 'send': {
        const outcome = await Promise.allSettled([
          steps.create({
            purpose: c.purpose,
            phoneE164: world.phone,
            clientIp: world.ip,
            paymentId: c.purpose === 'PAYMENT' ? world.paymentId : undefined,
            message: messageFor(c.purpose),
            ...steps.budgets(c.purpose, world.device),
            onCreated:
              c.purpose === 'PAYMENT'
                ? async (tx, challenge) => {
                    await tx.payment.updateMany({
                      where: { id: world.paymentId, status: { in: statusesBefore('AWAITING_OTP') } },
                      data: { status: 'AWAITING_OTP', otpSentAt: challenge.createdAt },
                    });
                    await audit(
                      {
                        actorType: 'CUSTOMER',
                        actorId: world.customerId,
                        action: 'payment.code_sent',
                        subjectType: 'payment',
                        subjectId: world.paymentId,
                        details: { challengeId: challenge.id },
                      },
                      tx,
                    );
                  }
                : undefined,
          }),
        ]);
        if (outcome[0].status === 'fulfilled')
          world.challenges.push({ id: outcome[0].value.challengeId, purpose: c.purpose });
        answers.push(`send ${c.purpose}: ${answer(outcome[0])}`);
        break;
      }
      case 'right':
      case 'wrong':
        for (let i = 0; i < (c.kind === 'wrong' ? c.times : 1); i++) {
          const [outcome] = await Promise.allSettled([verifyOne(c.which, c.kind === 'right')]);
          answers.push(`${c.kind} ${c.which}: ${answer(outcome)}`);
        }
        break;
      case 'parallel': {
        const outcomes = await Promise.allSettled(Array.from({ length: c.n }, () => verifyOne('last', true)));
        answers.push(`parallel: ${outcomes.map(answer).sort().join(', ')}`);
        break;
      }
      case 'change': {
        const payment = await db().payment.findUniqueOrThrow({ where: { id: world.paymentId } });
        await db().payment.update({
          where: { id: world.paymentId },
          data:
            c.what === 'amount'
              ? { amountCents: payment.amountCents + 1 }
              : c.what === 'fee'
                ? { feeCents: payment.feeCents + 25 }
                : { methodId: world.methodIds.find((m) => m !== payment.methodId) },
        });
        answers.push(`change ${c.what}`);
        break;
      }
      case 'trust':
        await db().trustedDevice.upsert({
          where: { phoneE164_deviceHash: { phoneE164: world.phone, deviceHash: world.device } },
          create: { phoneE164: world.phone, deviceHash: world.device },
          update: {},
        });
        answers.push('trust');
        break;
      case 'guess':
        throw new Error('expanded above');
      case 'jump':
        time.advance(c.ms);
        answers.push(`jump ${c.ms}`);
        break;
    }
  }
  vi.restoreAllMocks();
  return answers;
}

/** What the world left in the database, named relative to it (phone, address, ids, start time). */
async function leftBehind(world: World, start: Date) {
  const ids = world.challenges.map((c) => c.id);
  const name = (text: string | null) =>
    (text ?? '')
      .replaceAll(world.phone, 'PHONE')
      .replaceAll(world.ip, 'IP')
      .replaceAll(world.device, 'DEVICE')
      .replaceAll(world.paymentId, 'PAYMENT')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) =>
        ids.includes(id) ? `C${ids.indexOf(id)}` : id,
      );
  const at = (date: Date | null) => (date ? date.getTime() - start.getTime() : null);
  const challenges = await db().otpChallenge.findMany({
    where: { phoneE164: world.phone },
    orderBy: { createdAt: 'asc' },
  });
  const events = await db().otpEvent.findMany({ where: { clientIp: world.ip } });
  const hits = await db().rateLimitHit.findMany({
    where: { OR: [{ key: { contains: world.phone } }, { key: { contains: world.ip } }] },
  });
  const texts = await db().smsMessage.findMany({ where: { toE164: world.phone } });
  const audits = await db().auditLog.findMany({
    where: { OR: [{ subjectId: world.paymentId }, { subjectId: { in: ids.length ? ids : ['none'] } }] },
  });
  const payment = await db().payment.findUniqueOrThrow({ where: { id: world.paymentId } });
  return {
    challenges: challenges
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      .map((c) => ({
        id: name(c.id),
        purpose: c.purpose,
        payment: name(c.paymentId),
        status: c.status,
        failedCount: c.failedCount,
        expiresAt: at(c.expiresAt),
        consumedAt: at(c.consumedAt),
        createdAt: at(c.createdAt),
        keyId: c.keyId,
      })),
    events: events
      .map(
        (e) =>
          `${e.type} ${e.purpose} ${name(e.challengeId)} ${at(e.createdAt)} ${e.phoneMasked === maskPhone(world.phone) ? 'MASKED' : e.phoneMasked}`,
      )
      .sort(),
    hits: hits.map((h) => `${h.bucket} ${name(h.key)} ${at(h.createdAt)}`).sort(),
    texts: texts
      .map((t) => `${t.kind} ${name(t.challengeId)} ${name(t.paymentId)} ${t.sealedBody ? 'sealed' : 'plain'}`)
      .sort(),
    audits: audits.map((a) => `${a.action} ${name(a.subjectId)} ${name(JSON.stringify(a.details))}`).sort(),
    payment: { status: payment.status, otpSentAt: at(payment.otpSentAt) },
  };
}

describe('the PL/pgSQL OTP steps against the TypeScript ones they replace', () => {
  it('answer the same and leave the same rows for random sequences', async () => {
    let run_ = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        // Each run from its own instant, far from the others: windows never overlap between runs.
        const start = new Date(Date.UTC(2030, 0, 1) + run_++ * 40 * 24 * 3600_000);
        const [before, after] = [await makeWorld(), await makeWorld()];
        const answersOld = await run(OLD, before, commands, start);
        const answersNew = await run(NEW, after, commands, start);
        expect(answersNew).toEqual(answersOld);
        expect(await leftBehind(after, start)).toEqual(await leftBehind(before, start));
      }),
      {
        numRuns: 40,
        endOnFailure: true,
        // Beside the random ones: a phone whose strangers' budget is spent (then a sign-in from a
        // trusted browser, which has its own), and a payer's budget spent across codes.
        examples: [
          [
            [
              ...Array.from({ length: 4 }, () => ({ kind: 'guess', purpose: 'SIGN_IN' }) as const),
              { kind: 'send', purpose: 'SIGN_IN' },
              { kind: 'trust' },
              { kind: 'send', purpose: 'SIGN_IN' },
              { kind: 'wrong', which: 'last', times: 1 },
              { kind: 'right', which: 'last' },
              { kind: 'jump', ms: 24 * 3600_000 + 1 },
              { kind: 'send', purpose: 'SIGN_IN' },
            ],
          ],
          [
            [
              ...Array.from({ length: 4 }, () => ({ kind: 'guess', purpose: 'PAYMENT' }) as const),
              { kind: 'right', which: 'last' },
              { kind: 'send', purpose: 'PAYMENT' },
              { kind: 'change', what: 'method' },
              { kind: 'right', which: 'last' },
            ],
          ],
          [
            [
              { kind: 'send', purpose: 'SIGN_IN' },
              { kind: 'parallel', n: 3 },
              { kind: 'send', purpose: 'SIGN_IN' },
              { kind: 'jump', ms: 61_000 },
              { kind: 'send', purpose: 'SIGN_IN' },
              { kind: 'jump', ms: 5 * 60_000 + 1 },
              { kind: 'right', which: 'last' },
              { kind: 'send', purpose: 'PAYMENT' },
              { kind: 'change', what: 'amount' },
              { kind: 'right', which: 'last' },
            ],
          ],
        ],
      },
    );
    expect([...answered].sort()).toEqual(
      expect.arrayContaining([
        'already_used',
        'expired',
        'locked',
        'ok',
        'rate_limited',
        'too_many_wrong',
        'unavailable',
        'wrong_code',
      ]),
    );
  }, 240_000);
});

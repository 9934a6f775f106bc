import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { db } from '@/lib/db';
import { makeMethod, makePayment, uniqueIp, uniquePhone } from '@/test/factories';
import { codeFor, controlClock, send, wrong } from '@/test/otp-helpers';
import { generateCode } from './create-challenge';
import { OtpError } from './errors';
import { UNKNOWN_CLIENT } from '@/lib/request/client-ip';
import { OTP_POLICY } from './policy';
import { verifyChallenge } from './verify-challenge';

afterEach(() => vi.restoreAllMocks());

const ok = async () => 'verified' as const;
const verify = (challengeId: string, code: string, purpose: 'SIGN_IN' | 'REGISTRATION' | 'PAYMENT' = 'SIGN_IN') =>
  verifyChallenge({ challengeId, purpose, code, clientIp: uniqueIp(), onVerified: ok });

async function refusal(promise: Promise<unknown>): Promise<OtpError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the code to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OtpError);
  return error as OtpError;
}

describe('codes', () => {
  it('are 6 decimal digits, uniform, leading zeros kept', () => {
    const codes = Array.from({ length: 20_000 }, generateCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    const firstDigits = new Array(10).fill(0);
    for (const c of codes) firstDigits[Number(c[0])]++;
    // Each leading digit (0 included) within 15% of its expected 2,000.
    for (const count of firstDigits) expect(Math.abs(count - 2000)).toBeLessThan(300);
  });
});

describe('a challenge', () => {
  it('stores only a keyed hash, and the queued SMS only sealed', async () => {
    const phone = uniquePhone();
    const { challengeId } = await send('SIGN_IN', phone);
    const code = await codeFor(challengeId);
    const challenge = await db().otpChallenge.findUniqueOrThrow({ where: { id: challengeId } });
    expect(challenge.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(challenge)).not.toContain(code);
    const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    expect(message.body).toBeNull();
    expect(message.sealedBody).not.toContain(code);
    const events = await db().otpEvent.findMany({ where: { challengeId } });
    expect(events.map((e) => e.type)).toEqual(['CREATED']);
    expect(events[0]!.phoneMasked).toBe(`+1 ••• ••• ${phone.slice(-4)}`);
  });

  it('accepts the right code at 4:59 and refuses any code at 5:01', async () => {
    const time = controlClock();
    const early = await send('SIGN_IN', uniquePhone());
    time.advance(4 * 60_000 + 59_000);
    await expect(verify(early.challengeId, await codeFor(early.challengeId))).resolves.toBe('verified');

    const late = await send('SIGN_IN', uniquePhone());
    time.advance(5 * 60_000 + 1_000);
    expect((await refusal(verify(late.challengeId, await codeFor(late.challengeId)))).code).toBe('expired');
  });

  it('dies on the 3rd wrong code, even for the right code after', async () => {
    const { challengeId } = await send('SIGN_IN', uniquePhone());
    const code = await codeFor(challengeId);
    expect((await refusal(verify(challengeId, wrong(code)))).details.attemptsLeft).toBe(2);
    expect((await refusal(verify(challengeId, wrong(code)))).details.attemptsLeft).toBe(1);
    expect((await refusal(verify(challengeId, wrong(code)))).code).toBe('too_many_wrong');
    expect((await refusal(verify(challengeId, code))).code).toBe('too_many_wrong');
    const events = await db().otpEvent.findMany({ where: { challengeId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'LOCKED']);
  });

  it('is single use', async () => {
    const { challengeId } = await send('REGISTRATION', uniquePhone());
    const code = await codeFor(challengeId);
    await expect(verify(challengeId, code, 'REGISTRATION')).resolves.toBe('verified');
    expect((await refusal(verify(challengeId, code, 'REGISTRATION'))).code).toBe('already_used');
  });

  it('is killed by a resend', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    const first = await send('SIGN_IN', phone);
    time.advance(61_000);
    const second = await send('SIGN_IN', phone);
    expect((await refusal(verify(first.challengeId, await codeFor(first.challengeId)))).code).toBe('unavailable');
    await expect(verify(second.challengeId, await codeFor(second.challengeId))).resolves.toBe('verified');
  });

  it('works for one purpose only', async () => {
    const { challengeId } = await send('SIGN_IN', uniquePhone());
    const code = await codeFor(challengeId);
    expect((await refusal(verify(challengeId, code, 'PAYMENT'))).code).toBe('unavailable');
    expect((await refusal(verify(challengeId, code, 'REGISTRATION'))).code).toBe('unavailable');
    await expect(verify(challengeId, code, 'SIGN_IN')).resolves.toBe('verified');
  });

  it('answers an unknown challenge like a dead one', async () => {
    expect((await refusal(verify('00000000-0000-4000-8000-000000000000', '123456'))).code).toBe('unavailable');
    expect((await refusal(verify('not-a-uuid', '123456'))).code).toBe('unavailable');
  });
});

describe('payment binding', () => {
  it('kills the code when the amount changes after sending', async () => {
    const { payment, customer } = await makePayment({ amountCents: 5_000 });
    const { challengeId } = await send('PAYMENT', customer.phoneE164, { paymentId: payment.id });
    const code = await codeFor(challengeId);
    await db().payment.update({ where: { id: payment.id }, data: { amountCents: 5_001 } });
    const error = await refusal(
      verifyChallenge({ challengeId, purpose: 'PAYMENT', code, clientIp: null, onVerified: ok }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toMatch(/payment changed/);
    // Changing it back does not revive it.
    await db().payment.update({ where: { id: payment.id }, data: { amountCents: 5_000 } });
    expect(
      (await refusal(verifyChallenge({ challengeId, purpose: 'PAYMENT', code, clientIp: null, onVerified: ok }))).code,
    ).toBe('unavailable');
  });

  it('kills the code when the convenience fee changes after sending', async () => {
    const { payment, customer } = await makePayment({ amountCents: 5_000 });
    const { challengeId } = await send('PAYMENT', customer.phoneE164, { paymentId: payment.id });
    await db().payment.update({ where: { id: payment.id }, data: { feeCents: 100 } });
    const error = await refusal(
      verifyChallenge({
        challengeId,
        purpose: 'PAYMENT',
        code: await codeFor(challengeId),
        clientIp: null,
        onVerified: ok,
      }),
    );
    expect(error.code).toBe('unavailable');
  });

  it('kills the code when the card changes or is removed after sending', async () => {
    const time = controlClock(new Date());
    const { payment, customer } = await makePayment({ amountCents: 5_000 });
    const first = await send('PAYMENT', customer.phoneE164, { paymentId: payment.id });
    const firstCode = await codeFor(first.challengeId);
    const other = await makeMethod(customer.id, '5555555555554444');
    await db().payment.update({ where: { id: payment.id }, data: { methodId: other } });
    expect(
      (
        await refusal(
          verifyChallenge({
            challengeId: first.challengeId,
            purpose: 'PAYMENT',
            code: firstCode,
            clientIp: null,
            onVerified: ok,
          }),
        )
      ).code,
    ).toBe('unavailable');

    time.advance(61_000);
    const second = await send('PAYMENT', customer.phoneE164, { paymentId: payment.id });
    await db().paymentMethod.update({ where: { id: other }, data: { removedAt: new Date() } });
    const error = await refusal(
      verifyChallenge({
        challengeId: second.challengeId,
        purpose: 'PAYMENT',
        code: await codeFor(second.challengeId),
        clientIp: null,
        onVerified: ok,
      }),
    );
    expect(error.code).toBe('unavailable');
  });

  it('accepts the code when nothing changed, and hands the payment id to onVerified', async () => {
    const { payment, customer } = await makePayment();
    const { challengeId } = await send('PAYMENT', customer.phoneE164, { paymentId: payment.id });
    const seen = await verifyChallenge({
      challengeId,
      purpose: 'PAYMENT',
      code: await codeFor(challengeId),
      clientIp: null,
      onVerified: async (_tx, challenge) => challenge.paymentId,
    });
    expect(seen).toBe(payment.id);
  });

  it('a sign-in code cannot authorize a payment', async () => {
    const { payment, customer } = await makePayment();
    const signIn = await send('SIGN_IN', customer.phoneE164);
    const code = await codeFor(signIn.challengeId);
    expect((await refusal(verify(signIn.challengeId, code, 'PAYMENT'))).code).toBe('unavailable');
    const untouched = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(untouched.status).toBe('CREATED');
  });
});

describe('send limits', () => {
  it('allow a resend at 61 s, not at 59 s', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    await send('SIGN_IN', phone);
    time.advance(59_000);
    const error = await refusal(send('SIGN_IN', phone));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBe(1);
    time.advance(2_000);
    await expect(send('SIGN_IN', phone)).resolves.toHaveProperty('challengeId');
  });

  it('allow 5 sends per phone in 10 minutes and 10 in 24 hours', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++) {
      await send('SIGN_IN', phone);
      time.advance(61_000);
    }
    // 5 sends in the last 305 s: the 6th waits until the first leaves the 10-minute window.
    const error = await refusal(send('SIGN_IN', phone));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBe(600 - 305);
    time.advance(600_000);
    for (let i = 0; i < 5; i++) {
      await send('SIGN_IN', phone);
      time.advance(130_000);
    }
    time.advance(600_000);
    // 10 in 24 h.
    expect((await refusal(send('SIGN_IN', phone))).code).toBe('rate_limited');
    time.advance(24 * 3600_000);
    await expect(send('SIGN_IN', phone)).resolves.toHaveProperty('challengeId');
  });

  it('allow 20 sends per client IP per hour', async () => {
    const time = controlClock();
    const ip = uniqueIp();
    for (let i = 0; i < OTP_POLICY.sendsPerIp[0].limit; i++) await send('SIGN_IN', uniquePhone(), { clientIp: ip });
    const error = await refusal(send('SIGN_IN', uniquePhone(), { clientIp: ip }));
    expect(error.code).toBe('rate_limited');
    await expect(send('SIGN_IN', uniquePhone(), { clientIp: uniqueIp() })).resolves.toHaveProperty('challengeId');
    time.advance(3600_000 + 1);
    await expect(send('SIGN_IN', uniquePhone(), { clientIp: ip })).resolves.toHaveProperty('challengeId');
  });

  // Audit finding 2: a request with no readable address skipped the per-address cap entirely.
  it('count every request with no readable address as one client, with a lower cap', async () => {
    const time = controlClock(new Date('2031-01-01T00:00:00Z'));
    const limit = OTP_POLICY.sendsPerUnknownClient[0].limit;
    expect(limit).toBeLessThan(OTP_POLICY.sendsPerIp[0].limit);
    for (let i = 0; i < limit; i++) await send('SIGN_IN', uniquePhone(), { clientIp: UNKNOWN_CLIENT });
    expect((await refusal(send('SIGN_IN', uniquePhone(), { clientIp: UNKNOWN_CLIENT }))).code).toBe('rate_limited');
    time.advance(3600_000 + 1);
    await expect(send('SIGN_IN', uniquePhone(), { clientIp: UNKNOWN_CLIENT })).resolves.toHaveProperty('challengeId');
  });
});

describe('the failure budget', () => {
  it('refuses the 11th wrong code in 24 hours across resends, and sends too, until the window frees', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    let wrongCodes = 0;
    let last: OtpError | undefined;
    while (wrongCodes < 10) {
      const { challengeId } = await send('SIGN_IN', phone);
      const code = await codeFor(challengeId);
      for (let i = 0; i < 3 && wrongCodes < 10; i++) {
        last = await refusal(verify(challengeId, wrong(code)));
        wrongCodes++;
      }
      time.advance(61_000);
    }
    expect(last!.code).toBe('locked');
    // The budget is spent: even a fresh, right code and a new send are refused, with the wait.
    const sendRefused = await refusal(send('SIGN_IN', phone));
    expect(sendRefused.code).toBe('locked');
    expect(sendRefused.details.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    time.advance(24 * 3600_000);
    const { challengeId } = await send('SIGN_IN', phone);
    await expect(verify(challengeId, await codeFor(challengeId))).resolves.toBe('verified');
  });

  it('spent: the right code on an open challenge is refused too', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    const open = await send('SIGN_IN', phone, { clientIp: uniqueIp() });
    const openCode = await codeFor(open.challengeId);
    // Another challenge for another purpose takes the 10 wrong codes.
    for (let round = 0; round < 4; round++) {
      time.advance(61_000);
      const { challengeId } = await send('REGISTRATION', phone, { clientIp: uniqueIp() });
      const code = await codeFor(challengeId);
      for (let i = 0; i < 3; i++) await verify(challengeId, wrong(code), 'REGISTRATION').catch(() => undefined);
    }
    expect((await refusal(verify(open.challengeId, openCode))).code).toBe('locked');
  });
});

describe('brute force', () => {
  it('an attacker trying as fast as the rules allow for 24 hours gets at most 10 guesses', async () => {
    const time = controlClock();
    const phone = uniquePhone();
    const end = time.at().getTime() + 24 * 3600_000;
    let guess = 0;
    while (time.at().getTime() < end) {
      try {
        const { challengeId } = await send('SIGN_IN', phone, { clientIp: uniqueIp() });
        for (;;) {
          try {
            await verify(challengeId, String(guess++ % 1_000_000).padStart(6, '0'));
            break; // a lucky guess
          } catch (error) {
            if ((error as OtpError).code !== 'wrong_code') break;
          }
        }
      } catch {
        // Refused: wait as little as the rules allow and try again.
      }
      time.advance(61_000);
    }
    // Every guess that was compared with a code left a WRONG_CODE (or VERIFIED) event.
    const guessesChecked = await db().otpEvent.count({
      where: { type: { in: ['WRONG_CODE', 'VERIFIED'] }, challenge: { phoneE164: phone } },
    });
    expect(guessesChecked).toBeGreaterThan(0);
    expect(guessesChecked).toBeLessThanOrEqual(OTP_POLICY.failureBudget.limit);
    const probability = 1 - (1 - 1e-6) ** guessesChecked;
    console.log(
      `brute force: ${guessesChecked} guesses checked in 24 h; success probability ${probability.toExponential(2)}`,
    );
  }, 120_000);
});

describe('concurrency', () => {
  it('50 parallel verifications of the right code: exactly one success', async () => {
    const { challengeId } = await send('SIGN_IN', uniquePhone());
    const code = await codeFor(challengeId);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => verify(challengeId, code)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof OtpError && r.reason.code === 'already_used')).toBe(true);
    const verified = await db().otpEvent.count({ where: { challengeId, type: 'VERIFIED' } });
    expect(verified).toBe(1);
  });
});

describe('shared state', () => {
  it('two app processes share limits and wrong-code counts through PostgreSQL', async () => {
    const phone = uniquePhone();
    // Another process (another app instance) sends a code and takes two wrong guesses.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'test/otp-other-instance.ts', phone],
      {
        env: process.env,
      },
    );
    const challengeId = stdout.trim().split('\n').at(-1)!;
    expect(challengeId).toMatch(/^[0-9a-f-]{36}$/);
    // This process sees its resend cooldown…
    expect((await refusal(send('SIGN_IN', phone))).code).toBe('rate_limited');
    // …and its wrong guesses: one try left.
    const error = await refusal(verify(challengeId, wrong(await codeFor(challengeId))));
    expect(error.code).toBe('too_many_wrong');
  }, 60_000);
});

describe('key rotation', () => {
  it('a challenge created under key 1 verifies after key 2 becomes current', async () => {
    const before = process.env.OTP_HMAC_KEYS;
    try {
      process.env.OTP_HMAC_KEYS = `k1:${'1'.repeat(40)}`;
      resetEnvForTests();
      const old = await send('SIGN_IN', uniquePhone());
      expect((await db().otpChallenge.findUniqueOrThrow({ where: { id: old.challengeId } })).keyId).toBe('k1');

      process.env.OTP_HMAC_KEYS = `k2:${'2'.repeat(40)},k1:${'1'.repeat(40)}`;
      resetEnvForTests();
      const fresh = await send('SIGN_IN', uniquePhone());
      expect((await db().otpChallenge.findUniqueOrThrow({ where: { id: fresh.challengeId } })).keyId).toBe('k2');
      await expect(verify(old.challengeId, await codeFor(old.challengeId))).resolves.toBe('verified');
      await expect(verify(fresh.challengeId, await codeFor(fresh.challengeId))).resolves.toBe('verified');

      // Once k1 is retired, its open challenges can no longer be verified.
      const orphan = await send('SIGN_IN', uniquePhone());
      await db().otpChallenge.update({ where: { id: orphan.challengeId }, data: { keyId: 'k0' } });
      expect((await refusal(verify(orphan.challengeId, await codeFor(orphan.challengeId)))).code).toBe('wrong_code');
    } finally {
      if (before === undefined) delete process.env.OTP_HMAC_KEYS;
      else process.env.OTP_HMAC_KEYS = before;
      resetEnvForTests();
    }
  });
});

// Audit finding 4: anyone who knew a customer's number could lock them out for 24 hours, from
// signing in and from paying while signed in (4 anonymous code requests and 10 random codes did
// it). Strangers still get at most 10 guesses a day at a phone's codes, but they no longer spend
// the owner's budgets, the owner hears about it, and staff can unlock.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { OtpError } from '@/lib/otp/errors';
import { OTP_POLICY } from '@/lib/otp/policy';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { startPayment } from '@/lib/payments/start-payment';
import { unlockPhone } from '@/lib/otp/unlock-phone';
import { makeAccount, makeMethod, uniqueIp, uniquePhone, ensureUtility } from '@/test/factories';
import { codeFor, controlClock, wrong } from '@/test/otp-helpers';
import { newDeviceId } from './devices';
import { sendCustomerCode } from './send-customer-code';
import { verifyCustomerCode } from './verify-customer-code';

afterEach(() => vi.restoreAllMocks());

/** A customer who registered from the browser `deviceId`. */
async function registeredOwner(deviceId: string) {
  await ensureUtility();
  const phone = uniquePhone();
  const { challengeId } = await sendCustomerCode({
    purpose: 'REGISTRATION',
    phoneE164: phone,
    clientIp: uniqueIp(),
    deviceId,
  });
  const customer = await verifyCustomerCode({
    purpose: 'REGISTRATION',
    challengeId,
    code: await codeFor(challengeId),
    clientIp: uniqueIp(),
    name: 'Owen Owner',
    deviceId,
  });
  return { phone, customerId: customer!.customerId };
}

/** A stranger asking for sign-in codes for `phone` and guessing, a minute apart, until refused. */
async function strangerGuesses(phone: string, time: ReturnType<typeof controlClock>) {
  let wrongCodes = 0;
  for (let i = 0; i < 8; i++) {
    time.advance(11 * 60_000); // past the resend cooldown and the 5-in-10-minutes cap
    let challengeId: string;
    try {
      ({ challengeId } = await sendCustomerCode({
        purpose: 'SIGN_IN',
        phoneE164: phone,
        clientIp: uniqueIp(),
        deviceId: newDeviceId(),
      }));
    } catch (error) {
      expect((error as OtpError).code).toBe('locked');
      return wrongCodes;
    }
    const code = await codeFor(challengeId);
    for (let j = 0; j < OTP_POLICY.wrongCodesPerChallenge; j++) {
      try {
        await verifyCustomerCode({ purpose: 'SIGN_IN', challengeId, code: wrong(code), clientIp: uniqueIp() });
      } catch (error) {
        if (!(error instanceof OtpError)) throw error;
        if (error.code === 'locked') return wrongCodes + 1;
        wrongCodes++;
        if (error.code === 'too_many_wrong') break;
      }
    }
  }
  return wrongCodes;
}

describe("strangers guessing at a customer's number", () => {
  it('get at most 10 wrong codes a day, and do not lock the owner out of signing in from their own phone', async () => {
    const time = controlClock(new Date('2032-03-01T12:00:00Z'));
    const ownersPhone = newDeviceId();
    const { phone, customerId } = await registeredOwner(ownersPhone);

    expect(await strangerGuesses(phone, time)).toBe(OTP_POLICY.failureBudget.limit);
    // Strangers are locked out: no more codes for them today.
    await expect(
      sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp() }),
    ).rejects.toMatchObject({ code: 'locked' });

    // The owner, on the phone they registered from, signs in.
    time.advance(61_000);
    const { challengeId } = await sendCustomerCode({
      purpose: 'SIGN_IN',
      phoneE164: phone,
      clientIp: uniqueIp(),
      deviceId: ownersPhone,
    });
    const signedIn = await verifyCustomerCode({
      purpose: 'SIGN_IN',
      challengeId,
      code: await codeFor(challengeId),
      clientIp: uniqueIp(),
      deviceId: ownersPhone,
    });
    expect(signedIn?.customerId).toBe(customerId);
  }, 60_000);

  it("do not stop the signed-in owner from paying: payment codes have the owner's own budget", async () => {
    const time = controlClock(new Date('2032-03-02T12:00:00Z'));
    const { phone, customerId } = await registeredOwner(newDeviceId());
    const { account, bill } = await makeAccount({
      utilityId: (await db().utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id,
    });
    await db().customerAccount.create({ data: { customerId, accountId: account.id } });
    expect(await strangerGuesses(phone, time)).toBe(OTP_POLICY.failureBudget.limit);

    time.advance(61_000);
    const { paymentId } = await startPayment({
      customerId,
      billId: bill.id,
      amountCents: 1_000,
      methodId: await makeMethod(customerId),
      idempotencyKey: randomUUID(),
      clientIp: null,
    });
    const { challengeId } = await sendPaymentCode({ customerId, paymentId, clientIp: uniqueIp() });
    await expect(
      confirmPayment({ customerId, paymentId, code: await codeFor(challengeId), clientIp: uniqueIp() }),
    ).resolves.toEqual({ outcome: 'completed', paymentId });
  }, 60_000);

  it("asking for codes without guessing do not use up the texts the owner's browser and payments may get", async () => {
    const time = controlClock(new Date('2032-03-04T12:00:00Z'));
    const ownersPhone = newDeviceId();
    const { phone, customerId } = await registeredOwner(ownersPhone);
    // Strangers ask for as many codes as the per-phone caps allow in a day.
    let sent = 0;
    for (let i = 0; i < 20; i++) {
      time.advance(11 * 60_000);
      const asked = await Promise.allSettled([
        sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp() }),
      ]);
      if (asked[0].status === 'fulfilled') sent++;
    }
    expect(sent).toBe(OTP_POLICY.sendsPerPhone[1].limit - 1); // the registration code counted too
    await expect(
      sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp() }),
    ).rejects.toMatchObject({ code: 'rate_limited' });

    // The owner's browser still gets a sign-in code, and the signed-in owner a payment code.
    time.advance(61_000);
    await expect(
      sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp(), deviceId: ownersPhone }),
    ).resolves.toHaveProperty('challengeId');
    const { account, bill } = await makeAccount({
      utilityId: (await db().utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id,
    });
    await db().customerAccount.create({ data: { customerId, accountId: account.id } });
    const { paymentId } = await startPayment({
      customerId,
      billId: bill.id,
      amountCents: 1_000,
      methodId: await makeMethod(customerId),
      idempotencyKey: randomUUID(),
      clientIp: null,
    });
    await expect(sendPaymentCode({ customerId, paymentId, clientIp: uniqueIp() })).resolves.toHaveProperty(
      'challengeId',
    );
  }, 60_000);

  it('make the owner get one text saying so, once a day', async () => {
    const time = controlClock(new Date('2032-03-03T12:00:00Z'));
    const { phone } = await registeredOwner(newDeviceId());
    await strangerGuesses(phone, time);
    const alerts = await db().smsMessage.findMany({ where: { toE164: phone, kind: 'SECURITY_ALERT' } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toMatch(
      /Someone entered wrong sign-in codes for your number\. Your account is safe\. Trouble signing in\? Call /,
    );
    time.advance(24 * 3600_000 + 1);
    await strangerGuesses(phone, time);
    expect(await db().smsMessage.count({ where: { toE164: phone, kind: 'SECURITY_ALERT' } })).toBe(2);
  }, 60_000);

  it('can be undone by staff: the phone gets its budget back, audited', async () => {
    const time = controlClock(new Date('2032-03-05T12:00:00Z'));
    const { phone } = await registeredOwner(newDeviceId());
    await strangerGuesses(phone, time);
    time.advance(61_000);
    const newBrowser = newDeviceId();
    await expect(
      sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp(), deviceId: newBrowser }),
    ).rejects.toMatchObject({ code: 'locked' });

    const staff = await db().staffUser.create({
      data: { email: `u-${randomUUID()}@x.example`, name: 'U', role: 'STAFF', passwordHash: 'x' },
    });
    expect(await unlockPhone({ phoneE164: phone, staffId: staff.id, clientIp: null })).toBe(
      OTP_POLICY.failureBudget.limit,
    );
    await expect(
      sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp(), deviceId: newBrowser }),
    ).resolves.toHaveProperty('challengeId');
    expect(
      await db().auditLog.count({ where: { action: 'staff.unlocked_phone', subjectId: phone, actorId: staff.id } }),
    ).toBe(1);
  }, 60_000);
});

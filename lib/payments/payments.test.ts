import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { makeMethod, ensureUtility } from '@/test/factories';
import { codeFor, controlClock, wrong } from '@/test/otp-helpers';
import { customerWithBill, paymentWithCode } from '@/test/payment-helpers';
import { cancelPayment } from './cancel-payment';
import { confirmPayment } from './confirm-payment';
import { getCustomerPayment } from './get-customer-payment';
import { expireStalePayments, isStale } from './expire-payments';
import { clock } from '@/lib/clock';
import { sendPaymentCode } from './send-payment-code';
import { startPayment } from './start-payment';

afterEach(() => vi.restoreAllMocks());

describe('a payment', () => {
  it('completes once: bill paid amount, status and confirmation SMS change together', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 20_000 });
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 7_550);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('AWAITING_OTP');
    const message = await db().smsMessage.findFirstOrThrow({ where: { paymentId, kind: 'OTP_PAYMENT' } });
    expect(message.toE164).toBe(customer.phoneE164);

    await expect(confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })).resolves.toEqual({
      outcome: 'completed',
      paymentId,
    });
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.status).toBe('COMPLETED');
    expect(payment.completedAt).not.toBeNull();
    expect(await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).toMatchObject({
      amountPaidCents: 7_550,
      status: 'PARTIALLY_PAID',
    });
    const confirmation = await db().smsMessage.findFirstOrThrow({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } });
    expect(confirmation.body).toContain(`Confirmation ${payment.confirmationNumber}`);
    expect(confirmation.body).toContain('$75.50');

    // Submitting again shows the same, completed payment; nothing moves.
    await expect(confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })).resolves.toEqual({
      outcome: 'completed',
      paymentId,
    });
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(7_550);
  });

  it('paying the full balance marks the bill paid', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 12_345, amountPaidCents: 2_345 });
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 10_000);
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null });
    expect(await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).toMatchObject({
      amountPaidCents: 12_345,
      status: 'PAID',
    });
  });

  it('refuses amounts under 1.00 or over the balance', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 5_000 });
    const methodId = await makeMethod(customer.id);
    const start = (amountCents: number) =>
      startPayment({
        customerId: customer.id,
        billId: bill.id,
        amountCents,
        methodId,
        idempotencyKey: randomUUID(),
        clientIp: null,
      });
    await expect(start(99)).rejects.toThrow('The smallest payment is $1.00.');
    await expect(start(5_001)).rejects.toThrow('You can pay at most the balance, $50.00.');
    await expect(start(100)).resolves.toHaveProperty('paymentId');
    await expect(start(5_000)).resolves.toHaveProperty('paymentId');
  });

  it('one form submitted five times at once makes one payment', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill();
    const idempotencyKey = randomUUID();
    const methodId = await makeMethod(customer.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        startPayment({
          customerId: customer.id,
          billId: bill.id,
          amountCents: 1_000,
          methodId,
          idempotencyKey,
          clientIp: null,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(await db().payment.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it('the form submitted again after its payment paid the bill answers with that payment', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 3_000 });
    const idempotencyKey = randomUUID();
    const methodId = await makeMethod(customer.id);
    const form = {
      customerId: customer.id,
      billId: bill.id,
      amountCents: 3_000,
      methodId,
      idempotencyKey,
      clientIp: null,
    };
    const { paymentId } = await startPayment(form);
    const { challengeId } = await sendPaymentCode({ customerId: customer.id, paymentId, clientIp: null });
    const code = await codeFor(challengeId);
    expect((await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })).outcome).toBe(
      'completed',
    );
    // Back, and the same form sent again: the bill owes nothing now, but this form's payment answers.
    expect(await startPayment(form)).toEqual({ paymentId, status: 'COMPLETED' });
    // A new form for the same amount is refused: the bill is paid.
    await expect(startPayment({ ...form, idempotencyKey: randomUUID() })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    expect(await db().payment.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it('a declined payment fails with a message and leaves the bill untouched', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 20_000 });
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 4_291, '4000000000009995');
    const result = await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null });
    expect(result).toEqual({ outcome: 'declined', paymentId });
    // What the processor said is stored with the failure: the receipt shows it, whatever processor said it.
    expect(await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: 'FAILED',
      failureCode: 'insufficient_funds',
      failureMessage: expect.stringMatching(/insufficient funds/),
    });
    expect(await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).toMatchObject({
      amountPaidCents: 0,
      status: 'UNPAID',
    });
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } })).toBe(0);
  });

  it('cannot change its amount after the code was sent: the old code fails', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 20_000 });
    const idempotencyKey = randomUUID();
    const methodId = await makeMethod(customer.id);
    const { paymentId } = await startPayment({
      customerId: customer.id,
      billId: bill.id,
      amountCents: 5_000,
      methodId,
      idempotencyKey,
      clientIp: null,
    });
    const { challengeId } = await sendPaymentCode({ customerId: customer.id, paymentId, clientIp: null });
    const oldCode = await codeFor(challengeId);
    // Back to the form, another amount, submitted again.
    await startPayment({
      customerId: customer.id,
      billId: bill.id,
      amountCents: 9_000,
      methodId,
      idempotencyKey,
      clientIp: null,
    });
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code: oldCode, clientIp: null }),
    ).rejects.toBeInstanceOf(OtpError);
    expect(await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: 'CREATED',
      amountCents: 9_000,
    });
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(0);
  });

  it('50 concurrent confirmations with the right code complete it exactly once', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill({ amountDueCents: 50_000 });
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 1_234);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OtpError);
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(1_234);
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } })).toBe(1);
    expect(await db().auditLog.count({ where: { subjectId: paymentId, action: 'payment.completed' } })).toBe(1);
  }, 60_000);

  it('waiting for its code expires after the code lifetime and can be started again', async () => {
    await ensureUtility();
    const time = controlClock(new Date());
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 2_000);
    time.advance(5 * 60_000 - 1_000);
    expect((await getCustomerPayment(customer.id, paymentId))!.status).toBe('AWAITING_OTP');
    time.advance(2_000);
    // Its page reads it as expired at once, without writing; the job (every minute) writes it.
    expect((await getCustomerPayment(customer.id, paymentId))!.status).toBe('EXPIRED');
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('AWAITING_OTP');
    expect(await expireStalePayments(clock.now(), paymentId)).toBe(1);
    // The customer is told, once, that nothing was charged.
    expect(await expireStalePayments(clock.now(), paymentId)).toBe(0);
    const expiredTexts = await db().smsMessage.findMany({ where: { paymentId, kind: 'PAYMENT_EXPIRED' } });
    expect(expiredTexts.map((t) => t.body)).toEqual([
      expect.stringMatching(/\$20\.00 payment .* was not finished and nothing was charged/),
    ]);
    await expect(confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })).rejects.toBeInstanceOf(
      OtpError,
    );
    const again = await paymentWithCode(customer.id, bill.id, 2_000);
    await expect(
      confirmPayment({ customerId: customer.id, paymentId: again.paymentId, code: again.code, clientIp: null }),
    ).resolves.toMatchObject({ outcome: 'completed' });
  });

  it('the read-only expiry rule agrees with the job, payment by payment', async () => {
    await ensureUtility();
    const time = controlClock(new Date('2036-01-01T00:00:00Z'));
    const { customer, bill } = await customerWithBill({ amountDueCents: 50_000 });
    const sent = await paymentWithCode(customer.id, bill.id, 1_000);
    time.advance(61_000); // one code a minute
    const resent = await paymentWithCode(customer.id, bill.id, 1_000);
    const started = await startPayment({
      customerId: customer.id,
      billId: bill.id,
      amountCents: 1_000,
      methodId: await makeMethod(customer.id),
      idempotencyKey: randomUUID(),
      clientIp: null,
    });
    const ids = [sent.paymentId, resent.paymentId, started.paymentId];
    const read = async () =>
      Promise.all(
        ids.map(async (id) =>
          isStale(
            await db().payment.findUniqueOrThrow({
              where: { id },
              include: { challenges: { select: { status: true, expiresAt: true } } },
            }),
            clock.now(),
          ),
        ),
      );
    for (const step of [4 * 60_000, 2 * 60_000, 10 * 60_000, 20 * 60_000]) {
      time.advance(step);
      if (step === 2 * 60_000)
        await sendPaymentCode({ customerId: customer.id, paymentId: resent.paymentId, clientIp: null });
      const stale = await read();
      const expired = await Promise.all(ids.map((id) => expireStalePayments(clock.now(), id)));
      expect(expired.map((n) => n === 1)).toEqual(stale);
    }
  });

  it('a wrong code does not move the payment', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 2_000);
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code: wrong(code), clientIp: null }),
    ).rejects.toMatchObject({ code: 'wrong_code' });
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('AWAITING_OTP');
  });

  it('can be cancelled before it is confirmed, killing its code', async () => {
    await ensureUtility();
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 2_000);
    await cancelPayment({ customerId: customer.id, paymentId, clientIp: null });
    await expect(confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })).rejects.toBeInstanceOf(
      OtpError,
    );
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('CANCELLED');
  });
});

describe("another customer's payment", () => {
  it('is not found by any function, and the attempt is audited', async () => {
    await ensureUtility();
    const a = await customerWithBill();
    const b = await customerWithBill();
    const { paymentId, code } = await paymentWithCode(a.customer.id, a.bill.id, 2_000);
    await expect(
      startPayment({
        customerId: b.customer.id,
        billId: a.bill.id,
        amountCents: 1_000,
        methodId: await makeMethod(b.customer.id),
        idempotencyKey: randomUUID(),
        clientIp: '203.0.113.9',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendPaymentCode({ customerId: b.customer.id, paymentId, clientIp: null })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(confirmPayment({ customerId: b.customer.id, paymentId, code, clientIp: null })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(cancelPayment({ customerId: b.customer.id, paymentId, clientIp: null })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await getCustomerPayment(b.customer.id, paymentId, '203.0.113.9')).toBeNull();
    expect(
      await db().auditLog.count({
        where: { actorId: b.customer.id, action: { in: ['payment.access_refused', 'bill.access_refused'] } },
      }),
    ).toBe(2);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('AWAITING_OTP');
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { sandboxProcessor } from '@/lib/processor/sandbox';
import { ProcessorError, type PaymentProcessor } from '@/lib/processor';
import { ensureUtility } from '@/test/factories';
import { customerWithBill, paymentWithCode } from '@/test/payment-helpers';
import { confirmPayment } from './confirm-payment';
import { refundPayment, sendRefund } from './refund-payment';

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const STAFF_ID = randomUUID();

async function completedPayment(amountCents: number) {
  const { customer, bill } = await customerWithBill();
  const { paymentId, code } = await paymentWithCode(customer.id, bill.id, amountCents);
  await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
  return { paymentId, billId: bill.id };
}

const refund = (paymentId: string, amountCents: number, idempotencyKey = randomUUID(), processor = sandboxProcessor) =>
  refundPayment(
    { staffId: STAFF_ID, paymentId, amountCents, reason: 'Billed twice', idempotencyKey, clientIp: null },
    processor,
  );
const paid = async (billId: string) => (await db().bill.findUniqueOrThrow({ where: { id: billId } })).amountPaidCents;

describe('a refund', () => {
  it('gives back part, then the rest; never more; texts the customer each time; the bill owes it again', async () => {
    const { paymentId, billId } = await completedPayment(5_000);
    expect(await paid(billId)).toBe(5_000);
    await expect(refund(paymentId, 2_000)).resolves.toMatchObject({ outcome: 'issued' });
    expect(await paid(billId)).toBe(3_000);
    await expect(refund(paymentId, 3_001)).rejects.toMatchObject({ code: 'amount_too_large', field: 'amount' });
    await expect(refund(paymentId, 3_000)).resolves.toMatchObject({ outcome: 'issued' });
    await expect(refund(paymentId, 1)).rejects.toMatchObject({ userMessage: /refunded in full already/ });
    expect(await paid(billId)).toBe(0);
    expect(await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: 'COMPLETED',
      refundedCents: 5_000,
    });
    const texts = await db().smsMessage.findMany({
      where: { paymentId, kind: 'REFUND_ISSUED' },
      orderBy: { createdAt: 'asc' },
    });
    expect(texts.map((t) => t.body)).toEqual([
      expect.stringContaining('refunded $20.00'),
      expect.stringContaining('refunded $30.00'),
    ]);
    expect(
      await db().sandboxRefund.aggregate({
        _sum: { amountCents: true },
        where: { refundKey: { in: (await db().refund.findMany({ where: { paymentId } })).map((r) => r.id) } },
      }),
    ).toMatchObject({ _sum: { amountCents: 5_000 } });
  });

  it('submitted twice from one form is one refund; ten racing refunds never give back more than was taken', async () => {
    const { paymentId, billId } = await completedPayment(5_000);
    const key = randomUUID();
    const [a, b] = await Promise.all([refund(paymentId, 1_000, key), refund(paymentId, 1_000, key)]);
    expect(a.refundId).toBe(b.refundId);
    const racing = await Promise.allSettled(Array.from({ length: 10 }, () => refund(paymentId, 1_000)));
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).refundedCents).toBe(5_000);
    expect(await paid(billId)).toBe(0);
  });

  it('refused by the processor gives everything back; unanswered it stays pending for the job', async () => {
    const { paymentId, billId } = await completedPayment(4_000);
    const refusing: PaymentProcessor = {
      ...sandboxProcessor,
      refund: async () => {
        throw new ProcessorError('charge_disputed', 'This payment is disputed and cannot be refunded.');
      },
    };
    await expect(refund(paymentId, 1_000, randomUUID(), refusing)).resolves.toMatchObject({
      outcome: 'refused',
      message: /disputed/,
    });
    expect(await paid(billId)).toBe(4_000);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).refundedCents).toBe(0);

    vi.stubEnv('PROCESSOR_TIMEOUT_MS', '200');
    resetEnvForTests();
    const hanging: PaymentProcessor = { ...sandboxProcessor, refund: () => new Promise(() => {}) };
    const pending = await refund(paymentId, 1_500, randomUUID(), hanging);
    expect(pending.outcome).toBe('pending');
    expect(await paid(billId)).toBe(2_500);
    // The reconciliation job, run twice: one refund at the processor.
    await Promise.all([sendRefund(pending.refundId, sandboxProcessor), sendRefund(pending.refundId, sandboxProcessor)]);
    expect((await db().refund.findUniqueOrThrow({ where: { id: pending.refundId } })).status).toBe('SUCCEEDED');
    expect(await db().sandboxRefund.count({ where: { refundKey: pending.refundId } })).toBe(1);
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'REFUND_ISSUED' } })).toBe(1);
  });

  it('only a completed payment', async () => {
    await ensureUtility();
    const { paymentId } = await completedPayment(1_000);
    await db().payment.update({ where: { id: paymentId }, data: { processorReference: null } });
    await expect(refund(paymentId, 100)).rejects.toMatchObject({ code: 'not_refundable' });
    await expect(refund(randomUUID(), 100)).rejects.toMatchObject({ code: 'not_found' });
  });
});

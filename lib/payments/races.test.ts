// Audit finding 1: a confirmation racing a resubmitted payment form. startPayment used to read the
// payment outside any transaction and then change it with no status condition: a confirmation
// that committed in between left a COMPLETED payment reset to CREATED with the new amount, which a
// new code then completed again (the bill credited twice), and some races deadlocked into a 500.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { makeAccount, makeCustomer, makeMethod } from '@/test/factories';
import { codeFor } from '@/test/otp-helpers';
import { confirmPayment } from './confirm-payment';
import { sendPaymentCode } from './send-payment-code';
import { startPayment } from './start-payment';

const RACES = 200;
const AT_ONCE = 8;

async function oneRace(utilityId: string) {
  const { account, bill } = await makeAccount({ amountDueCents: 20_000, utilityId });
  const customer = await makeCustomer();
  await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
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
  const code = await codeFor(challengeId);

  // The confirmation, and the same form sent again with another amount a few milliseconds later.
  const outcomes = await Promise.allSettled([
    confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }),
    new Promise((resolve) => setTimeout(resolve, Math.random() * 25)).then(() =>
      startPayment({
        customerId: customer.id,
        billId: bill.id,
        amountCents: 6_000,
        methodId,
        idempotencyKey,
        clientIp: null,
      }),
    ),
  ]);
  // Then what a customer would do next with a payment left open: ask for a code and use it.
  const after = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (after.status === 'CREATED' || after.status === 'AWAITING_OTP') {
    const again = await Promise.allSettled([sendPaymentCode({ customerId: customer.id, paymentId, clientIp: null })]);
    if (again[0].status === 'fulfilled') {
      const code = await codeFor(again[0].value.challengeId);
      outcomes.push(
        ...(await Promise.allSettled([confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })])),
      );
    } else outcomes.push(again[0]);
  }
  return { paymentId, billId: bill.id, outcomes };
}

describe('a confirmation racing a resubmitted payment form', () => {
  it(`completes each payment at most once and credits the bill once, over ${RACES} races`, async () => {
    const utilityId = (
      await db()
        .utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })
        .catch(() => null)
    )?.id;
    const results: Awaited<ReturnType<typeof oneRace>>[] = [];
    for (let i = 0; i < RACES; i += AT_ONCE)
      results.push(...(await Promise.all(Array.from({ length: AT_ONCE }, () => oneRace(utilityId!)))));

    // Nothing a customer would see as a 500: every refusal is one of our own, with a message.
    const unexpected = results
      .flatMap((r) => r.outcomes)
      .filter((o) => o.status === 'rejected' && !(o.reason instanceof AppError));
    expect(unexpected.map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);

    const ids = results.map((r) => r.paymentId);
    const payments = await db().payment.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, amountCents: true, completedAt: true, billId: true },
    });
    const completions = await db().auditLog.groupBy({
      by: ['subjectId'],
      where: { action: 'payment.completed', subjectId: { in: ids } },
      _count: true,
    });
    expect(completions.filter((c) => c._count > 1)).toEqual([]);
    // A completed payment stays completed with the amount it completed for.
    for (const p of payments) expect(p.completedAt === null, `${p.id} ${p.status}`).toBe(p.status !== 'COMPLETED');
    const bills = await db().bill.findMany({
      where: { id: { in: results.map((r) => r.billId) } },
      select: { id: true, amountPaidCents: true },
    });
    const completedOn = (billId: string) =>
      payments
        .filter((p) => p.billId === billId && p.status === 'COMPLETED')
        .reduce((sum, p) => sum + p.amountCents, 0);
    expect(bills.filter((b) => b.amountPaidCents !== completedOn(b.id))).toEqual([]);
    expect(payments.filter((p) => p.status === 'COMPLETED').length).toBeGreaterThan(0);
  }, 240_000);
});

describe('a final payment', () => {
  it('cannot be reopened, re-priced or moved, by any code path: the database refuses', async () => {
    const { utilityId, account, bill } = await makeAccount();
    const customer = await makeCustomer();
    for (const status of ['COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const) {
      const payment = await db().payment.create({
        data: {
          confirmationNumber: `F${randomUUID().slice(0, 9)}`,
          utilityId,
          accountId: account.id,
          billId: bill.id,
          customerId: customer.id,
          amountCents: 500,
          currency: 'USD',
          idempotencyKey: randomUUID(),
          status,
        },
      });
      await expect(db().payment.update({ where: { id: payment.id }, data: { status: 'CREATED' } })).rejects.toThrow(
        /is .*, which is final/,
      );
      await expect(db().payment.update({ where: { id: payment.id }, data: { amountCents: 600 } })).rejects.toThrow(
        /which is final/,
      );
      await expect(
        db()
          .$executeRaw`UPDATE "Payment" SET "billId" = ${bill.id}::uuid, "customerId" = ${(await makeCustomer()).id}::uuid WHERE id = ${payment.id}::uuid`,
      ).rejects.toThrow(/which is final/);
      // What may still change: the record of it (a delivery note, a reference).
      await expect(
        db().payment.update({ where: { id: payment.id }, data: { processorReference: 'ref-1' } }),
      ).resolves.toMatchObject({ status });
    }
  });
});

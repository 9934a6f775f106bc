import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { receiveProcessorEvent } from '@/lib/payments/processor-events';
import { refundPayment } from '@/lib/payments/refund-payment';
import { sandboxProcessor, sandboxSettle } from '@/lib/processor/sandbox';
import { ensureUtility } from '@/test/factories';
import { controlClock } from '@/test/otp-helpers';
import { customerWithBill, paymentWithCode } from '@/test/payment-helpers';
import { settlementCsv, settlementReport } from './settlement';

afterEach(() => vi.restoreAllMocks());

// Days no other test pays on (lib/clock/days.test.ts uses 2030); instants around Chicago's midnight.
const at = (iso: string) => new Date(iso);

async function pay(amountCents: number, number: string, when: Date, time: ReturnType<typeof controlClock>) {
  time.advance(when.getTime() - time.at().getTime());
  const { customer, bill } = await customerWithBill({ amountDueCents: 50_000 });
  const { paymentId, code } = await paymentWithCode(customer.id, bill.id, amountCents, number);
  await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
  return paymentId;
}

describe('the settlement report', () => {
  it('puts each movement of money on its day in the utility time zone, and ties out to the tables', async () => {
    await ensureUtility();
    const time = controlClock(at('2029-07-10T04:00:00Z'));
    await pay(1_000, '4242424242424242', at('2029-07-10T04:30:00Z'), time); // Jul 9, 23:30 in Chicago (CDT)
    const refunded = await pay(2_000, '4242424242424242', at('2029-07-10T05:30:00Z'), time); // Jul 10, 00:30
    const returned = await pay(3_000, '000222222227', at('2029-07-10T06:00:00Z'), time);
    await pay(500, '000111111116', at('2029-07-10T07:00:00Z'), time);
    const reference = (await db().payment.findUniqueOrThrow({ where: { id: returned } })).processorReference!;
    const failing = (
      await db().payment.findFirstOrThrow({
        where: { amountCents: 500, processingAt: at('2029-07-10T07:00:00Z') },
      })
    ).processorReference!;
    time.advance(60_000);
    await receiveProcessorEvent((await sandboxSettle(reference))!, sandboxProcessor); // settles Jul 10
    await receiveProcessorEvent((await sandboxSettle(failing))!, sandboxProcessor); // fails Jul 10
    time.advance(at('2029-07-11T15:00:00Z').getTime() - time.at().getTime());
    await refundPayment(
      {
        staffId: randomUUID(),
        paymentId: refunded,
        amountCents: 500,
        reason: 'Late fee waived',
        idempotencyKey: randomUUID(),
        clientIp: null,
      },
      sandboxProcessor,
    );
    time.advance(at('2029-07-12T15:00:00Z').getTime() - time.at().getTime());
    await receiveProcessorEvent((await sandboxSettle(reference))!, sandboxProcessor); // returned Jul 12

    const report = await settlementReport('America/Chicago', '2029-07-08', '2029-07-12');
    const day = (d: string) => report.days.find((x) => x.day === d)!;
    expect(report.days.map((d) => d.day)).toEqual([
      '2029-07-08',
      '2029-07-09',
      '2029-07-10',
      '2029-07-11',
      '2029-07-12',
    ]);
    expect(day('2029-07-09')).toMatchObject({ payments: { count: 1, cents: 1_000 }, netCents: 1_000 });
    expect(day('2029-07-10')).toMatchObject({ payments: { count: 2, cents: 5_000 }, failedDebits: 1, netCents: 5_000 });
    expect(day('2029-07-11')).toMatchObject({ refunds: { count: 1, cents: 500 }, netCents: -500 });
    expect(day('2029-07-12')).toMatchObject({ returns: { count: 1, cents: 3_000 }, netCents: -3_000 });
    expect(report.totals).toMatchObject({ payments: { count: 3, cents: 6_000 }, netCents: 2_500 });

    // The totals tie out to the payments and refunds tables for the same instants.
    const from = at('2029-07-08T05:00:00Z');
    const to = at('2029-07-13T05:00:00Z');
    const settled = await db().payment.aggregate({
      where: { completedAt: { gte: from, lt: to }, status: { in: ['COMPLETED', 'RETURNED'] } },
      _sum: { amountCents: true, feeCents: true },
    });
    const refunds = await db().refund.aggregate({
      where: { completedAt: { gte: from, lt: to }, status: 'SUCCEEDED' },
      _sum: { amountCents: true },
    });
    expect(report.totals.payments.cents).toBe(settled._sum.amountCents);
    expect(report.totals.feesCents).toBe(settled._sum.feeCents);
    expect(report.totals.refunds.cents).toBe(refunds._sum.amountCents);

    const csv = settlementCsv(report).trimEnd().split('\r\n');
    expect(csv).toHaveLength(7);
    expect(csv[2]).toBe('2029-07-09,1,10.00,0.00,0,0.00,0,0.00,0,10.00');
    expect(csv[6]).toBe('total,3,60.00,0.00,1,5.00,1,30.00,1,25.00');
  });
});

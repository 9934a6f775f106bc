// The two-phase charge: faults between and around the phases, processor events, and races for
// the last dollars of a bill. Every test drives the sandbox processor (its own ledger, SandboxCharge).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { OtpError } from '@/lib/otp/errors';
import { sandboxProcessor, sandboxSettle } from '@/lib/processor/sandbox';
import type { PaymentProcessor } from '@/lib/processor';
import { makeCustomer, makeUtility } from '@/test/factories';
import { controlClock } from '@/test/otp-helpers';
import { customerWithBill as customerWithBillOf, paymentWithCode } from '@/test/payment-helpers';
import { syncPayment } from './charge-payment';
import { confirmPayment } from './confirm-payment';
import { sweepPaymentsInFlight, BANK_STEP_TTL_MS } from './jobs';
import { receiveProcessorEvent } from './processor-events';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const customerWithBill = async (amountDueCents = 20_000) => customerWithBillOf({ amountDueCents });
const codeSent = paymentWithCode;

const paymentOf = (id: string) => db().payment.findUniqueOrThrow({ where: { id } });
const billOf = (id: string) => db().bill.findUniqueOrThrow({ where: { id } });
const chargesOf = (paymentId: string) => db().sandboxCharge.findMany({ where: { paymentId } });
const textsOf = (paymentId: string, kind: 'PAYMENT_CONFIRMATION' | 'PAYMENT_RETURNED' | 'PAYMENT_DECLINED') =>
  db().smsMessage.count({ where: { paymentId, kind } });

/** The sandbox, with its charge call replaced. */
function processorWith(charge: PaymentProcessor['charge']): PaymentProcessor {
  return { ...sandboxProcessor, charge };
}

describe('the two-phase charge', () => {
  it('a processor that hangs leaves the payment PROCESSING with the amount reserved; reconciliation completes it once', async () => {
    vi.stubEnv('PROCESSOR_TIMEOUT_MS', '200');
    resetEnvForTests();
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 2_500);
    const hanging = processorWith(() => new Promise(() => {}));
    const started = Date.now();
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, hanging),
    ).resolves.toEqual({ outcome: 'processing', paymentId });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await paymentOf(paymentId)).status).toBe('PROCESSING');
    // Reserved: a second payment cannot take the same dollars.
    expect((await billOf(bill.id)).amountPaidCents).toBe(2_500);
    expect(
      await db().auditLog.count({ where: { subjectId: paymentId, action: 'payment.processor_unreachable' } }),
    ).toBe(1);
    // The reconciliation job (and the sweep) ask again, as often as they run.
    await Promise.all([syncPayment(paymentId, sandboxProcessor), syncPayment(paymentId, sandboxProcessor)]);
    await syncPayment(paymentId, sandboxProcessor);
    expect((await paymentOf(paymentId)).status).toBe('COMPLETED');
    expect(await chargesOf(paymentId)).toHaveLength(1);
    expect((await billOf(bill.id)).amountPaidCents).toBe(2_500);
    expect(await textsOf(paymentId, 'PAYMENT_CONFIRMATION')).toBe(1);
  });

  it('a process that dies after the processor charged, before its answer was applied: found by idempotency key, applied once', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 3_000);
    // The charge reaches the processor; then this process "dies" (its answer is never applied).
    const dying = processorWith(async (request) => {
      await sandboxProcessor.charge(request);
      throw new Error('SIGKILL');
    });
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, dying);
    expect((await paymentOf(paymentId)).status).toBe('PROCESSING');
    expect((await paymentOf(paymentId)).processorReference).toBeNull();
    // The sweep finds it once it has waited long enough for an answer, and asks by payment id.
    expect(await sweepPaymentsInFlight(new Date())).toBe(0);
    await Promise.all([
      sweepPaymentsInFlight(new Date(Date.now() + 3 * 60_000)),
      syncPayment(paymentId, sandboxProcessor),
    ]);
    const payment = await paymentOf(paymentId);
    expect(payment.status).toBe('COMPLETED');
    const charges = await chargesOf(paymentId);
    expect(charges).toHaveLength(1);
    expect(payment.processorReference).toBe(charges[0]!.id);
    expect(await textsOf(paymentId, 'PAYMENT_CONFIRMATION')).toBe(1);
  });

  it('an app process SIGKILLed between the phases: the reconciliation finds the charge and completes it once', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 3_300);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=react-server',
        'test/payment-killed-between-phases.ts',
        customer.id,
        paymentId,
        code,
      ],
      { env: process.env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal).toBe('SIGKILL');
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'PROCESSING', processorReference: null });
    expect(await chargesOf(paymentId)).toHaveLength(1);
    expect((await billOf(bill.id)).amountPaidCents).toBe(3_300);
    // The job the dead process committed with the reservation, run twice over.
    await Promise.all([syncPayment(paymentId, sandboxProcessor), syncPayment(paymentId, sandboxProcessor)]);
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'COMPLETED' });
    expect(await chargesOf(paymentId)).toHaveLength(1);
    expect((await billOf(bill.id)).amountPaidCents).toBe(3_300);
    expect(await textsOf(paymentId, 'PAYMENT_CONFIRMATION')).toBe(1);
  }, 90_000);

  it('a queued reconciliation job is committed with the reservation', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 1_000);
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
    const [job] = await db().$queryRaw<Array<{ key: string }>>`
      SELECT key FROM graphile_worker.jobs WHERE key = ${`reconcile:${paymentId}`}`;
    expect(job?.key).toBe(`reconcile:${paymentId}`);
  });

  it('50 concurrent confirmations charge the processor once', async () => {
    const { customer, bill } = await customerWithBill(50_000);
    const { paymentId, code } = await codeSent(customer.id, bill.id, 1_234);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null })),
    );
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OtpError);
    expect(await chargesOf(paymentId)).toHaveLength(1);
    expect((await billOf(bill.id)).amountPaidCents).toBe(1_234);
    expect(await textsOf(paymentId, 'PAYMENT_CONFIRMATION')).toBe(1);
  }, 60_000);

  it('two payments racing for the last dollars of one bill never overpay it', async () => {
    const { customer, bill } = await customerWithBill(5_000);
    const other = await makeCustomer();
    const account = await db().bill.findUniqueOrThrow({ where: { id: bill.id }, select: { accountId: true } });
    await db().customerAccount.create({ data: { customerId: other.id, accountId: account.accountId } });
    const a = await codeSent(customer.id, bill.id, 4_000);
    const b = await codeSent(other.id, bill.id, 4_000);
    const outcomes = await Promise.all([
      confirmPayment({ customerId: customer.id, paymentId: a.paymentId, code: a.code, clientIp: null }),
      confirmPayment({ customerId: other.id, paymentId: b.paymentId, code: b.code, clientIp: null }),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['completed', 'declined']);
    expect((await billOf(bill.id)).amountPaidCents).toBe(4_000);
    const declined = outcomes.find((o) => o.outcome === 'declined')!;
    expect(await paymentOf(declined.paymentId)).toMatchObject({ status: 'FAILED', failureCode: 'exceeds_balance' });
    // The processor was never asked for the payment that lost.
    expect(await chargesOf(declined.paymentId)).toHaveLength(0);
  });

  it('a declined card releases the reservation', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 2_000, '4000000000000002');
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor),
    ).resolves.toEqual({ outcome: 'declined', paymentId });
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'FAILED', failureCode: 'card_declined' });
    expect((await billOf(bill.id)).amountPaidCents).toBe(0);
    const [text] = await db().smsMessage.findMany({ where: { paymentId, kind: 'PAYMENT_DECLINED' } });
    expect(text!.body).toMatch(
      /Your \$20\.00 payment for acct \.\.\d{4} did not go through\. Nothing was charged\. Questions\? \(201\) 555-0199$/,
    );
  });
});

describe('the bank step (3-D Secure)', () => {
  it('sends the customer to the bank; done, the payment completes; abandoned, it fails and releases the bill', async () => {
    const time = controlClock(new Date());
    const { customer, bill } = await customerWithBill();
    const done = await codeSent(customer.id, bill.id, 1_500, '4000002760003184');
    const outcome = await confirmPayment(
      { customerId: customer.id, paymentId: done.paymentId, code: done.code, clientIp: null },
      sandboxProcessor,
    );
    expect(outcome).toMatchObject({
      outcome: 'requires_action',
      actionUrl: expect.stringMatching(/^\/sandbox\/authenticate\/pi_sandbox_/),
    });
    expect((await paymentOf(done.paymentId)).status).toBe('REQUIRES_ACTION');
    const { sandboxCompleteAction } = await import('@/lib/processor/sandbox');
    const reference = (await paymentOf(done.paymentId)).processorReference!;
    await receiveProcessorEvent((await sandboxCompleteAction(reference, true))!, sandboxProcessor);
    expect((await paymentOf(done.paymentId)).status).toBe('COMPLETED');

    time.advance(61_000); // one code text a minute
    const left = await codeSent(customer.id, bill.id, 1_000, '4000002760003184');
    await confirmPayment(
      { customerId: customer.id, paymentId: left.paymentId, code: left.code, clientIp: null },
      sandboxProcessor,
    );
    expect((await billOf(bill.id)).amountPaidCents).toBe(2_500);
    time.advance(BANK_STEP_TTL_MS + 60_000);
    await sweepPaymentsInFlight(time.at());
    expect(await paymentOf(left.paymentId)).toMatchObject({
      status: 'FAILED',
      failureCode: 'authentication_abandoned',
    });
    expect((await billOf(bill.id)).amountPaidCents).toBe(1_500);
  });
});

describe('bank debits and processor events', () => {
  it('stay PROCESSING until they settle; an event applied twice or late changes nothing', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 4_200, '000123456789');
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor),
    ).resolves.toEqual({ outcome: 'processing', paymentId });
    const reference = (await paymentOf(paymentId)).processorReference!;
    expect(reference).toMatch(/^pi_sandbox_/);
    expect((await billOf(bill.id)).amountPaidCents).toBe(4_200);

    const settled = (await sandboxSettle(reference))!;
    expect(settled.type).toBe('payment_intent.succeeded');
    expect(await sandboxSettle(reference)).toBeNull(); // the settle job ran twice
    await expect(receiveProcessorEvent(settled, sandboxProcessor)).resolves.toBe('applied');
    await expect(receiveProcessorEvent(settled, sandboxProcessor)).resolves.toBe('duplicate');
    // A late "processing" event, after it settled: the processor's state says succeeded; nothing moves.
    await receiveProcessorEvent(
      { id: `evt_${randomUUID()}`, type: 'payment_intent.processing', reference, paymentId, occurredAt: new Date(0) },
      sandboxProcessor,
    );
    expect((await paymentOf(paymentId)).status).toBe('COMPLETED');
    expect((await billOf(bill.id)).amountPaidCents).toBe(4_200);
    expect(await textsOf(paymentId, 'PAYMENT_CONFIRMATION')).toBe(1);
    expect(await db().processorEvent.count({ where: { paymentId } })).toBe(2);
  });

  it('a debit that fails when it would settle releases the bill', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 1_100, '000111111116');
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
    const reference = (await paymentOf(paymentId)).processorReference!;
    await receiveProcessorEvent((await sandboxSettle(reference))!, sandboxProcessor);
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'FAILED', failureCode: 'account_closed' });
    expect((await billOf(bill.id)).amountPaidCents).toBe(0);
  });

  it('a debit returned after it settled reverses the bill and texts the customer once', async () => {
    const { customer, bill } = await customerWithBill();
    const { paymentId, code } = await codeSent(customer.id, bill.id, 6_000, '000222222227');
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
    const reference = (await paymentOf(paymentId)).processorReference!;
    await receiveProcessorEvent((await sandboxSettle(reference))!, sandboxProcessor);
    expect((await paymentOf(paymentId)).status).toBe('COMPLETED');
    const returned = (await sandboxSettle(reference))!;
    expect(returned.type).toBe('charge.dispute.created');
    await Promise.all([
      receiveProcessorEvent(returned, sandboxProcessor),
      receiveProcessorEvent(returned, sandboxProcessor),
    ]);
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'RETURNED' });
    expect(await billOf(bill.id)).toMatchObject({ amountPaidCents: 0, status: 'UNPAID' });
    expect(await textsOf(paymentId, 'PAYMENT_RETURNED')).toBe(1);
    const text = await db().smsMessage.findFirstOrThrow({ where: { paymentId, kind: 'PAYMENT_RETURNED' } });
    expect(text.body).toContain('returned your $60.00 payment');
  });
});

describe('a convenience fee', () => {
  it('is charged on top, named in the code text, never credited to the bill, and frozen once final', async () => {
    // A utility of its own, so no other test's payment sees the fee.
    const utility = await makeUtility();
    await db().utility.update({ where: { id: utility.id }, data: { cardFeeFlatCents: 150, cardFeeBps: 250 } });
    const { customer, bill } = await customerWithBillOf({ utilityId: utility.id });
    {
      const { paymentId, code } = await codeSent(customer.id, bill.id, 4_000);
      // $1.50 + 2.5% of $40.00 = $2.50
      expect((await paymentOf(paymentId)).feeCents).toBe(250);
      const text = await db().smsMessage.findFirstOrThrow({ where: { paymentId, kind: 'OTP_PAYMENT' } });
      const { unsealText } = await import('@/lib/sms/seal');
      expect(unsealText(text.sealedBody!, text.id)).toContain('to pay $42.50 from Visa x4242');
      await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, sandboxProcessor);
      expect((await chargesOf(paymentId))[0]!.amountCents).toBe(4_250);
      expect((await billOf(bill.id)).amountPaidCents).toBe(4_000);
      // A final payment's fee is frozen in the database.
      await expect(db().payment.update({ where: { id: paymentId }, data: { feeCents: 0 } })).rejects.toThrow(/final/);
    }
  });
});

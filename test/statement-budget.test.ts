import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { startPayment } from '@/lib/payments/start-payment';
import { ensureUtility, makeMethod, uniqueIp, uniquePhone } from './factories';
import { codeFor } from './otp-helpers';
import { customerWithBill } from './payment-helpers';
import { statementsPerCycle } from './statements';

/**
 * What the hot path sends to PostgreSQL, held where it stands so that no change adds round trips
 * unnoticed. Issue #15's targets, both met: sign-up <= 4 (send, the code read back, the challenge
 * read, verify-and-register) and payment <= 10: start 3 (the bill, the method beside the account's
 * fees, the payment with its audit entry unless the form's key has one), its code 2 (the payment's
 * bound fields, the send), the code read back 1, confirm 4 (the payment with its latest code,
 * verify-and-reserve answering with what the charge needs, the sandbox processor's charge, the
 * answer applied). The code read back from the text is one statement of each cycle (a customer
 * reads it from their phone), counted here too.
 */
const BUDGET = { signUp: 4, payment: 10 };

describe('statements per cycle', () => {
  it(`sign-up by phone (send, verify, create the customer) sends at most ${BUDGET.signUp}`, async () => {
    const cycle = async () => {
      const phoneE164 = uniquePhone();
      const clientIp = uniqueIp();
      const { challengeId } = await sendCustomerCode({ purpose: 'REGISTRATION', phoneE164, clientIp });
      const customer = await verifyCustomerCode({
        purpose: 'REGISTRATION',
        challengeId,
        code: await codeFor(challengeId),
        clientIp,
        name: 'Budget Test',
      });
      expect(customer?.isNew).toBe(true);
    };
    await ensureUtility();
    await cycle(); // warm: prepared pools, the utility cached
    expect(await statementsPerCycle(cycle, 5)).toBeLessThanOrEqual(BUDGET.signUp);
  });

  it(`a payment (start, send its code, confirm and charge) sends at most ${BUDGET.payment}`, async () => {
    const cycle = async () => {
      const { customer, bill } = await customerWithBill();
      const methodId = await makeMethod(customer.id);
      const measured = async () => {
        const { paymentId } = await startPayment({
          customerId: customer.id,
          billId: bill.id,
          amountCents: 100,
          methodId,
          idempotencyKey: randomUUID(),
          clientIp: null,
        });
        const { challengeId } = await sendPaymentCode({ customerId: customer.id, paymentId, clientIp: null });
        const result = await confirmPayment({
          customerId: customer.id,
          paymentId,
          code: await codeFor(challengeId),
          clientIp: null,
        });
        expect(result.outcome).toBe('completed');
      };
      return measured;
    };
    await (
      await cycle()
    )();
    const runs = await Promise.all(Array.from({ length: 5 }, () => cycle()));
    let i = 0;
    expect(await statementsPerCycle(() => runs[i++]!(), 5)).toBeLessThanOrEqual(BUDGET.payment);
  });
});

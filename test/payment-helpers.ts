import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { startPayment } from '@/lib/payments/start-payment';
import { ensureUtility, makeAccount, makeCustomer, makeMethod } from './factories';
import { codeFor } from './otp-helpers';

/** A customer holding one account with one open bill of `amountDueCents`, under the demo utility unless told. */
export async function customerWithBill(
  options: { amountDueCents?: number; amountPaidCents?: number; utilityId?: string } = {},
) {
  await ensureUtility();
  const { account, bill } = await makeAccount({
    amountDueCents: options.amountDueCents ?? 20_000,
    amountPaidCents: options.amountPaidCents,
    utilityId: options.utilityId ?? (await db().utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id,
  });
  const customer = await makeCustomer();
  await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
  return { customer, account, bill };
}

/**
 * A payment of `amountCents` started with one of the sandbox's test numbers (a card, or a 12-digit
 * bank account) and its code texted: what the customer has in hand before "Pay now".
 */
export async function paymentWithCode(
  customerId: string,
  billId: string,
  amountCents: number,
  number = '4242424242424242',
) {
  const { paymentId } = await startPayment({
    customerId,
    billId,
    amountCents,
    methodId: await makeMethod(customerId, number),
    idempotencyKey: randomUUID(),
    clientIp: null,
  });
  const { challengeId } = await sendPaymentCode({ customerId, paymentId, clientIp: null });
  return { paymentId, code: await codeFor(challengeId) };
}

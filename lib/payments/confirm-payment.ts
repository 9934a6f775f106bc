import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { centsToDecimalString } from '@/lib/money';
import { OtpError } from '@/lib/otp/errors';
import { paymentCodesBudget } from '@/lib/otp/policy';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplates } from '@/lib/sms/templates';
import { sandboxProcessor, type PaymentProcessor } from './processor';
import { canMove, isCompleted, statusesBefore } from './states';
import { billStatusFor } from '@/lib/bills/status';
import { findOwnPayment } from './own-payment';

export type ConfirmPaymentResult =
  { outcome: 'completed'; paymentId: string } | { outcome: 'declined'; paymentId: string; message: string };

/**
 * Confirms a payment with its code. In the one transaction that consumes the challenge: lock the
 * bill, re-check the balance, charge through the processor, mark the payment COMPLETED (only from
 * AWAITING_OTP), add to the bill's paid amount, and queue the confirmation SMS. However many
 * submissions race, the payment completes at most once. A decline marks it FAILED and leaves the
 * bill untouched. A refused code throws OtpError.
 */
export async function confirmPayment(
  options: { customerId: string; paymentId: string; code: string; clientIp: string | null },
  processor: PaymentProcessor = sandboxProcessor,
): Promise<ConfirmPaymentResult> {
  const payment = await findOwnPayment(options.customerId, options.paymentId, {
    id: true,
    status: true,
    challenges: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true } },
  });
  if (isCompleted(payment.status)) return { outcome: 'completed', paymentId: payment.id };
  const challengeId = payment.challenges[0]?.id;
  if (!canMove(payment.status, 'COMPLETED') || !challengeId) throw OtpError.unavailable();

  return verifyChallenge({
    challengeId,
    purpose: 'PAYMENT',
    code: options.code,
    clientIp: options.clientIp,
    failureBudget: (_tx, phoneE164) => paymentCodesBudget(phoneE164),
    onVerified: (tx) => completePayment(tx, payment.id, options.clientIp, processor),
  });
}

async function completePayment(
  tx: Tx,
  paymentId: string,
  clientIp: string | null,
  processor: PaymentProcessor,
): Promise<ConfirmPaymentResult> {
  const now = clock.now();
  const payment = await tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      id: true,
      status: true,
      amountCents: true,
      currency: true,
      billId: true,
      customerId: true,
      confirmationNumber: true,
      customer: { select: { phoneE164: true } },
      account: { select: { accountNumber: true } },
      utility: { select: { shortName: true, currency: true, timeZone: true } },
    },
  });
  // Concurrent confirmations of one bill queue here; the balance below is then current.
  await tx.$executeRaw`SELECT 1 FROM "Bill" WHERE id = ${payment.billId}::uuid FOR UPDATE`;
  const bill = await tx.bill.findUniqueOrThrow({
    where: { id: payment.billId },
    select: { amountDueCents: true, amountPaidCents: true },
  });

  const fail = async (code: string, message: string): Promise<ConfirmPaymentResult> => {
    const failed = await tx.payment.updateMany({
      where: { id: paymentId, status: { in: statusesBefore('FAILED') } },
      data: { status: 'FAILED', failureCode: code, failureMessage: message, failedAt: now },
    });
    if (failed.count !== 1) throw new Error(`Payment ${paymentId} left AWAITING_OTP during confirmation`);
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: payment.customerId,
        action: 'payment.failed',
        subjectType: 'payment',
        subjectId: paymentId,
        clientIp,
        details: { reason: code },
        at: now,
      },
      tx,
    );
    return { outcome: 'declined', paymentId, message };
  };

  if (payment.amountCents > bill.amountDueCents - bill.amountPaidCents) {
    return fail(
      'exceeds_balance',
      'This bill was paid in the meantime, so nothing was charged. Check your balance before paying again.',
    );
  }
  const charge = await processor.charge({ paymentId, amountCents: payment.amountCents, currency: payment.currency });
  await audit(
    {
      actorType: 'SYSTEM',
      action: charge.approved ? 'payment.processed' : 'payment.declined',
      subjectType: 'payment',
      subjectId: paymentId,
      details: charge.approved ? { reference: charge.reference } : { code: charge.code },
      at: now,
    },
    tx,
  );
  if (!charge.approved) return fail(charge.code, charge.message);

  const completed = await tx.payment.updateMany({
    where: { id: paymentId, status: { in: statusesBefore('COMPLETED') } },
    data: { status: 'COMPLETED', completedAt: now, processorReference: charge.reference },
  });
  if (completed.count !== 1) throw new Error(`Payment ${paymentId} left AWAITING_OTP during confirmation`);
  const paid = bill.amountPaidCents + payment.amountCents;
  await tx.bill.update({
    where: { id: payment.billId },
    data: { amountPaidCents: paid, status: billStatusFor(bill.amountDueCents, paid) },
  });
  await queueSms(tx, {
    kind: 'PAYMENT_CONFIRMATION',
    toE164: payment.customer.phoneE164,
    carriesCode: false,
    paymentId,
    text: smsTemplates.paymentConfirmation({
      utility: payment.utility,
      amountCents: payment.amountCents,
      accountNumber: payment.account.accountNumber,
      confirmationNumber: payment.confirmationNumber,
      completedAt: now,
    }),
  });
  await audit(
    {
      actorType: 'CUSTOMER',
      actorId: payment.customerId,
      action: 'payment.completed',
      subjectType: 'payment',
      subjectId: paymentId,
      clientIp,
      details: { amount: centsToDecimalString(payment.amountCents) },
      at: now,
    },
    tx,
  );
  return { outcome: 'completed', paymentId };
}

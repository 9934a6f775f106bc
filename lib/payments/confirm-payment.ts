import 'server-only';
import { OtpError } from '@/lib/otp/errors';
import { payerBudget } from '@/lib/otp/policy';
import { verifyChallengeAndThen } from '@/lib/otp/verify-challenge';
import { paymentProcessor, type PaymentProcessor } from '@/lib/processor';
import { chargePayment, outcomeFor, reserveStep, type ChargeOutcome } from './charge-payment';
import { canMove, reservesBill } from './states';
import { findOwnPayment } from './own-payment';

export type ConfirmPaymentResult = ChargeOutcome;

/**
 * Confirms a payment with its code, in two phases so no lock is ever held across the processor's
 * network call:
 * 1. one statement verifies and consumes the code, re-checks the bill's balance under its row lock,
 *    reserves the amount against the bill and moves the payment to PROCESSING (however many
 *    submissions race, one gets here);
 * 2. the processor is asked to charge, outside any transaction, then its answer is applied in a
 *    second statement (COMPLETED, FAILED, REQUIRES_ACTION, or PROCESSING for a bank debit).
 * A refused code throws OtpError. A payment already past its code answers with where it stands.
 */
export async function confirmPayment(
  options: { customerId: string; paymentId: string; code: string; clientIp: string | null; guest?: boolean },
  processor: PaymentProcessor = paymentProcessor(),
): Promise<ConfirmPaymentResult> {
  const payment = await findOwnPayment(options.customerId, options.paymentId, {
    id: true,
    status: true,
    amountCents: true,
    nextActionUrl: true,
    challenges: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true } },
  });
  // Submitted again after the code went through: where it stands. Cancelled, expired, declined: no code works.
  if (reservesBill(payment.status)) return outcomeFor(payment.status, payment.id, payment.nextActionUrl);
  const challengeId = payment.challenges[0]?.id;
  if (!canMove(payment.status, 'PROCESSING') || !challengeId) throw OtpError.unavailable();

  // The amount as read here is the one the code was bound to: a changed payment kills the code.
  const reserved = (await verifyChallengeAndThen({
    challengeId,
    purpose: 'PAYMENT',
    code: options.code,
    clientIp: options.clientIp,
    failureBudget: (phoneE164) => payerBudget(phoneE164, options.guest),
    reserve: reserveStep(payment.id, payment.amountCents),
  })) as { reserved: boolean };
  if (!reserved.reserved) return { outcome: 'declined', paymentId: payment.id };
  return chargePayment(payment.id, processor);
}

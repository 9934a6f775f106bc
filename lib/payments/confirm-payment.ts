import 'server-only';
import { NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { readPaymentChallenge } from '@/lib/otp/steps';
import { isUuid } from '@/lib/validation/ids';
import { payerBudget } from '@/lib/otp/policy';
import { verifyChallengeAndThen } from '@/lib/otp/verify-challenge';
import { paymentProcessor, type PaymentProcessor } from '@/lib/processor';
import { chargePayment, outcomeFor, reserveStep, type ChargeFacts, type ChargeOutcome } from './charge-payment';
import { canMove, reservesBill } from './states';

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
  // The payment (only the customer's: another's, or a made-up id, is NotFoundError) and its latest
  // code, in one read.
  const payment = isUuid(options.paymentId) ? await readPaymentChallenge(options.customerId, options.paymentId) : null;
  if (!payment) throw new NotFoundError('That payment');
  // Submitted again after the code went through: where it stands. Cancelled, expired, declined: no code works.
  if (reservesBill(payment.status)) return outcomeFor(payment.status, options.paymentId, payment.nextActionUrl);
  const challenge = payment.challenge;
  if (!canMove(payment.status, 'PROCESSING') || !challenge) throw OtpError.unavailable();

  // The amount as read here is the one the code was bound to: a changed payment kills the code.
  const reserved = (await verifyChallengeAndThen({
    challengeId: challenge.id,
    read: challenge,
    purpose: 'PAYMENT',
    code: options.code,
    clientIp: options.clientIp,
    failureBudget: (phoneE164) => payerBudget(phoneE164, options.guest),
    reserve: reserveStep(options.paymentId, payment.amountCents),
  })) as { reserved: false } | { reserved: true; facts: ChargeFacts };
  if (!reserved.reserved) return { outcome: 'declined', paymentId: options.paymentId };
  return chargePayment(options.paymentId, processor, reserved.facts);
}

import type { PaymentMethodType } from '@/generated/prisma/enums';
import { AppError } from '@/lib/errors';

/**
 * A charge as the processor sees it now. The names follow Stripe's PaymentIntent statuses:
 * - succeeded: the money is taken (a card), or the bank debit settled;
 * - processing: a bank debit on its way (days), settled or failed later by an event;
 * - requires_action: the customer's bank wants an extra step (3-D Secure) at `actionUrl`;
 * - failed: declined, or a bank debit that failed; nothing was taken;
 * - returned: a bank debit that settled and was then taken back by the bank.
 */
export type ChargeState =
  | { status: 'succeeded'; reference: string }
  | { status: 'processing'; reference: string }
  | { status: 'requires_action'; reference: string; actionUrl: string }
  | { status: 'failed'; reference: string | null; code: string; message: string }
  | { status: 'returned'; reference: string; code: string; message: string };

export type ChargeRequest = {
  /** The idempotency key: the processor charges a payment at most once, however often it is asked. */
  paymentId: string;
  /** What is taken, fee included. */
  amountCents: number;
  currency: string;
  method: { token: string; type: PaymentMethodType };
  /** The processor's customer the method belongs to (Stripe: cus_...), if it has one. */
  processorCustomerId: string | null;
  /** Where the customer comes back to after an extra step at their bank. */
  returnUrl: string;
  /** Says what the charge is for, on the customer's statement and in the processor's dashboard. */
  description: string;
};

/** A card or bank account as a processor holds it: a token and what may be shown of it. */
export type MethodDetails = {
  token: string;
  type: PaymentMethodType;
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
};

/** The processor's answer to something it refused: `message` is fit for the customer. */
export class ProcessorError extends AppError {}

/**
 * Who takes the money: the sandbox (development, tests) or Stripe. Every call may be repeated:
 * `charge` is idempotent by payment id, so reconciliation after a crash asks again instead of guessing.
 */
export interface PaymentProcessor {
  readonly name: 'sandbox' | 'stripe';
  /** Makes (or finds) the processor's customer for one of ours. */
  ensureCustomer(customer: { id: string; name: string; existing: string | null }): Promise<string>;
  /** What a method token stands for, after the customer added it in the browser. */
  describeMethod(token: string, processorCustomerId: string | null): Promise<MethodDetails>;
  /** Removes a saved method at the processor. */
  detachMethod(token: string): Promise<void>;
  /** Charges the payment once; asked again, answers with the same charge's state. */
  charge(request: ChargeRequest): Promise<ChargeState>;
  /** The charge's state now. */
  retrieve(reference: string): Promise<ChargeState>;
  /** Gives up a charge still waiting for the customer's extra step. */
  cancel(reference: string): Promise<ChargeState>;
  /**
   * Gives back part or all of a succeeded charge, once per `refundKey` however often it is asked.
   * A refusal throws ProcessorError.
   */
  refund(request: { reference: string; amountCents: number; refundKey: string }): Promise<{ reference: string }>;
}

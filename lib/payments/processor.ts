import { randomUUID } from 'node:crypto';

export type ChargeResult = { approved: true; reference: string } | { approved: false; code: string; message: string };

/** Takes the money. The payment id is the idempotency key: a processor charges it at most once. */
export interface PaymentProcessor {
  charge(request: { paymentId: string; amountCents: number; currency: string }): Promise<ChargeResult>;
}

/**
 * The default: a sandbox like a card processor's test mode. It approves every amount except these
 * documented test amounts (also in docs/PAYMENTS.md), so failures can be shown and tested:
 *   cents ending in .91  -> declined: insufficient funds
 *   cents ending in .92  -> declined: the bank refused the payment
 */
export const SANDBOX_DECLINES: Record<number, { code: string; message: string }> = {
  91: {
    code: 'insufficient_funds',
    message:
      'Your bank declined the payment for insufficient funds. Nothing was charged. Try a smaller amount or another day.',
  },
  92: {
    code: 'do_not_honor',
    message:
      'Your bank declined the payment. Nothing was charged. Please contact your bank, or call us to pay another way.',
  },
};

export const sandboxProcessor: PaymentProcessor = {
  async charge({ amountCents }) {
    const decline = SANDBOX_DECLINES[amountCents % 100];
    if (decline) return { approved: false, ...decline };
    return { approved: true, reference: `sandbox_${randomUUID()}` };
  },
};

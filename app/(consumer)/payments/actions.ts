'use server';

import type { Locale } from '@/lib/i18n/locales';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { boundAction, buttonAction, formAction } from '@/lib/actions';
import { cancelPayment } from '@/lib/payments/cancel-payment';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { startPayment } from '@/lib/payments/start-payment';
import { CodeSchema, PaySchema } from '@/lib/validation/schemas';
import { chooseMethod, methodChoiceFrom, startAddingMethod } from '@/lib/payments/methods';
import { requireCustomerBill } from '@/lib/bills/list-customer-accounts';
import { paymentPage } from '@/lib/payments/states';
import type { Payer } from '@/lib/auth/require-payer';
import { translate } from '@/lib/i18n/translate';
import type { FormState } from '@/lib/validation/form-state';

// Every payment action answers another customer's (or a made-up) id with a 404 (NotFoundError).

export const startPaymentAction = formAction({
  who: { customer: { next: (billId) => `/bills/${billId}/pay` } },
  bound: 1,
  schema: PaySchema,
  hidden: ['idempotencyKey'],
  // Card and account numbers are never sent back to the page.
  secret: ['cardNumber', 'cvc', 'accountNumber', 'token'],
  run: async (form, { caller, clientIp }, billId) => {
    // The bill first (another customer's is a 404), then the card or account.
    await requireCustomerBill(caller.customerId, billId!, clientIp);
    const methodId = await chooseMethod(caller.customerId, methodChoiceFrom(form));
    const started = await startPayment({
      customerId: caller.customerId,
      billId: billId!,
      amountCents: form.amount,
      methodId,
      idempotencyKey: form.idempotencyKey,
      clientIp,
    });
    redirect(paymentPage(started.paymentId, started.status));
  },
});

const sendCode = {
  who: { payer: { next: (paymentId: string) => `/payments/${paymentId}/review` } },
  bound: 1,
  run: async (
    { caller, clientIp, locale }: { caller: Payer; clientIp: string; locale: Locale },
    paymentId?: string,
  ) => {
    await sendPaymentCode({
      customerId: caller.customerId,
      paymentId: paymentId!,
      clientIp,
      guest: Boolean(caller.guestAccountId),
      language: locale,
    });
    redirect(`/payments/${paymentId}/authorize`);
  },
};

export const sendPaymentCodeAction = boundAction(sendCode);

/** The same as sending, from the code page: the old code dies with the new one. */
export const resendPaymentCodeAction = boundAction(sendCode);

export const confirmPaymentAction = formAction({
  who: { payer: { next: (paymentId) => `/payments/${paymentId}/authorize` } },
  bound: 1,
  schema: z.object({ code: CodeSchema }),
  secret: ['code'],
  run: async ({ code }, { caller, clientIp, locale }, paymentId): Promise<FormState> => {
    const result = await confirmPayment({
      customerId: caller.customerId,
      paymentId: paymentId!,
      code,
      clientIp,
      guest: Boolean(caller.guestAccountId),
    });
    // The answer is the outcome, not a rendered page: the browser goes on to the bank's extra step
    // (3-D Secure), or to the receipt, which says how it went and what next.
    return result.outcome === 'requires_action'
      ? {
          status: 'moveOn',
          message: translate({ key: 'review.acceptedBank' }, locale),
          next: result.actionUrl,
          linkText: translate({ key: 'receipt.toBank' }, locale),
        }
      : {
          status: 'moveOn',
          message: translate({ key: 'review.accepted' }, locale),
          next: `/payments/${paymentId}`,
          linkText: translate({ key: 'review.openReceipt' }, locale),
        };
  },
});

export const cancelPaymentAction = buttonAction({
  who: { payer: { next: (paymentId) => `/payments/${paymentId}` } },
  bound: 1,
  run: async ({ caller, clientIp }, paymentId) => {
    await cancelPayment({ customerId: caller.customerId, paymentId: paymentId!, clientIp });
    redirect(caller.guestAccountId ? '/pay/bill' : '/bills');
  },
});

/** Stripe's Payment Element asks for a SetupIntent before the customer types a new card or account. */
export const startAddingMethodAction = formAction({
  who: { customer: { next: '/bills' } },
  schema: z.object({}),
  run: async (_input, { caller }) => ({
    status: 'setup' as const,
    clientSecret: await startAddingMethod(caller.customerId),
  }),
});

import 'server-only';
import { countriesMessage, inTextedCountry } from '@/lib/phone';
import { env } from '@/lib/env';
import { payerBudget } from '@/lib/otp/policy';
import { createChallenge, type CreatedChallenge } from '@/lib/otp/create-challenge';
import type { Locale } from '@/lib/i18n/locales';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { PaymentError } from './errors';
import { isOpen, statusesBefore } from './states';
import { findOwnPayment } from './own-payment';
import { methodSmsLabel } from './methods';

/**
 * Texts the payment's code to the customer's registered number: the text names the utility, the
 * amount, the card or bank account it comes from and the masked account. Creating the challenge moves the payment to AWAITING_OTP in the
 * same transaction. A second call is a resend (the old code dies).
 */
export async function sendPaymentCode(options: {
  customerId: string;
  paymentId: string;
  clientIp: string | null;
  /** A one-time payer, who has not proven the number: their wrong codes count against strangers' budget. */
  guest?: boolean;
  /** The language of the page that asked (else the customer's own): the text is in it. */
  language?: Locale;
}): Promise<CreatedChallenge> {
  const payment = await findOwnPayment(options.customerId, options.paymentId, {
    id: true,
    status: true,
    amountCents: true,
    feeCents: true,
    currency: true,
    utilityId: true,
    accountId: true,
    methodId: true,
    customer: { select: { phoneE164: true, language: true } },
    account: { select: { accountNumber: true } },
    method: { select: { type: true, brand: true, last4: true, removedAt: true } },
    bill: { select: { amountDueCents: true, amountPaidCents: true } },
    utility: { select: { shortName: true, currency: true, timeZone: true, smsCountries: true } },
  });
  if (!isOpen(payment.status)) {
    throw new PaymentError('not_payable', { key: 'payErrors.notPayable' });
  }
  if (!inTextedCountry(payment.customer.phoneE164, payment.utility.smsCountries)) {
    throw new PaymentError('country_not_texted', {
      key: 'payErrors.cannotText',
      values: { countries: countriesMessage(payment.utility.smsCountries) },
    });
  }
  const method = payment.method;
  if (!method || method.removedAt) {
    throw new PaymentError('method_gone', { key: 'payErrors.methodRemoved' });
  }
  if (payment.amountCents > payment.bill.amountDueCents - payment.bill.amountPaidCents) {
    throw new PaymentError('amount_too_large', { key: 'payErrors.billChanged' });
  }
  const host = new URL(env().PUBLIC_ORIGIN).hostname;
  return createChallenge({
    purpose: 'PAYMENT',
    phoneE164: payment.customer.phoneE164,
    paymentId: payment.id,
    clientIp: options.clientIp,
    failureBudget: (phoneE164) => payerBudget(phoneE164, options.guest),
    message: (code) => ({
      kind: 'OTP_PAYMENT',
      text: smsTemplatesFor(options.language ?? payment.customer.language).paymentCode({
        utility: payment.utility,
        code,
        // What the customer's card or account is charged: the amount and any convenience fee.
        amountCents: payment.amountCents + payment.feeCents,
        accountNumber: payment.account.accountNumber,
        method: methodSmsLabel(method),
        host,
      }),
    }),
    // The fields the code is bound to, as read above (the step re-checks them under the payment's lock).
    boundPayment: {
      id: payment.id,
      status: payment.status,
      amountCents: payment.amountCents,
      feeCents: payment.feeCents,
      currency: payment.currency,
      utilityId: payment.utilityId,
      accountId: payment.accountId,
      methodId: payment.methodId,
      methodUsable: true,
    },
    movePayment: {
      by: options.customerId,
      from: statusesBefore('AWAITING_OTP'),
      refused: () => new PaymentError('not_payable', { key: 'payErrors.notPayable' }),
    },
  });
}

import 'server-only';
import { createHash } from 'node:crypto';
import type { OtpPurpose } from '@/generated/prisma/enums';
import { isOpen } from '@/lib/payments/states';

/**
 * A payment's fields a code is bound to, as `utilitypay_payment_bound(id)` reads them (the same
 * expression the OTP steps compare under the payment's row lock: see the migration
 * 20261129090000_otp_steps_in_sql).
 */
export type BoundPayment = {
  id: string;
  status: string;
  amountCents: number;
  feeCents: number;
  currency: string;
  utilityId: string;
  accountId: string;
  methodId: string | null;
  methodUsable: boolean;
};

/**
 * What a code is bound to. A payment code is bound to the payment, its amount, fee and currency, the
 * utility, the account and the card or bank account it is paid from (PSD2 dynamic linking): change
 * any of them after sending, or remove the method, and the code no longer matches. A payment that
 * is no longer open binds nothing (null).
 */
export function bindingOf(
  challenge: { id: string; purpose: OtpPurpose; phoneE164: string; paymentId: string | null },
  payment: BoundPayment | null,
): string | null {
  const base = [challenge.purpose, challenge.id, challenge.phoneE164];
  if (challenge.purpose !== 'PAYMENT') return base.join('|');
  if (!challenge.paymentId || !payment || !isOpen(payment.status) || !payment.methodId || !payment.methodUsable)
    return null;
  return [
    ...base,
    payment.id,
    payment.amountCents,
    payment.feeCents,
    payment.currency,
    payment.utilityId,
    payment.accountId,
    payment.methodId,
  ].join('|');
}

export function digestBinding(binding: string): string {
  return createHash('sha256').update(binding).digest('hex');
}

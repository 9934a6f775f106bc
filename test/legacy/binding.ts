/**
 * The OTP steps as they were before issue #15 (a Prisma round trip per statement), kept only for
 * lib/otp/differential.test.ts, which runs random sequences against them and the PL/pgSQL steps
 * and compares what each leaves behind. Remove this folder with that test's last use.
 */
import type { Tx } from '@/lib/db';
import type { OtpPurpose } from '@/generated/prisma/enums';
import type { FailureBudget } from '@/lib/otp/policy';
import { isOpen } from '@/lib/payments/states';

export { digestBinding } from '@/lib/otp/binding';

export type LegacyChooseBudget = (tx: Tx, phoneE164: string) => FailureBudget | Promise<FailureBudget>;

/**
 * What a code is bound to, recomputed at verification from the rows as they are now. A payment
 * code is bound to the payment, its amount, fee and currency, the utility, the account and the card or
 * bank account it is paid from (PSD2 dynamic linking): change any of them after sending, or remove
 * the method, and the code no longer matches. The payment's row is
 * locked first (until the transaction ends), so nothing changes it between this read and what the
 * caller does next; a payment that is no longer open binds nothing.
 */
export async function bindingFor(
  tx: Tx,
  challenge: { id: string; purpose: OtpPurpose; phoneE164: string; paymentId: string | null },
): Promise<string | null> {
  const base = [challenge.purpose, challenge.id, challenge.phoneE164];
  if (challenge.purpose !== 'PAYMENT') return base.join('|');
  if (!challenge.paymentId) return null;
  const [payment] = await tx.$queryRaw<
    Array<{
      id: string;
      status: string;
      amountCents: number;
      feeCents: number;
      currency: string;
      utilityId: string;
      accountId: string;
      methodId: string | null;
      methodUsable: boolean | null;
    }>
  >`
    SELECT p.id, p.status::text AS status, p."amountCents", p."feeCents", p.currency, p."utilityId", p."accountId", p."methodId",
           m."removedAt" IS NULL AS "methodUsable"
      FROM "Payment" p LEFT JOIN "PaymentMethod" m ON m.id = p."methodId"
     WHERE p.id = ${challenge.paymentId}::uuid FOR UPDATE OF p`;
  if (!payment || !isOpen(payment.status) || !payment.methodId || !payment.methodUsable) return null;
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

/** The pre-#15 device budget: looked up in the OTP transaction, under the phone's lock. */
export function legacyBudgetOfDevice(deviceHash: string | undefined): LegacyChooseBudget {
  return async (tx, phoneE164) => {
    if (!deviceHash) return { bucket: 'otp:fail:phone', key: phoneE164 };
    const known = await tx.trustedDevice.findUnique({
      where: { phoneE164_deviceHash: { phoneE164, deviceHash } },
      select: { phoneE164: true },
    });
    return known
      ? { bucket: 'otp:fail:device', key: `${phoneE164}|${deviceHash}` }
      : { bucket: 'otp:fail:phone', key: phoneE164 };
  };
}

/**
 * The OTP steps as they were before issue #15 (a Prisma round trip per statement), kept only for
 * lib/otp/differential.test.ts, which runs random sequences against them and the PL/pgSQL steps
 * and compares what each leaves behind. Remove this folder with that test's last use.
 */
import type { Tx } from '@/lib/db';
import type { OtpPurpose } from '@/generated/prisma/enums';
import type { FailureBudget } from '@/lib/otp/policy';
import { bindingOf, type BoundPayment } from '@/lib/otp/binding';

export { digestBinding } from '@/lib/otp/binding';

export type LegacyChooseBudget = (tx: Tx, phoneE164: string) => FailureBudget | Promise<FailureBudget>;

/**
 * The pre-#15 binding read: the payment's row locked and read in the OTP transaction (the string
 * itself is lib/otp/binding.ts's, which did not change).
 */
export async function bindingFor(
  tx: Tx,
  challenge: { id: string; purpose: OtpPurpose; phoneE164: string; paymentId: string | null },
): Promise<string | null> {
  if (challenge.purpose !== 'PAYMENT' || !challenge.paymentId) return bindingOf(challenge, null);
  const [payment] = await tx.$queryRaw<BoundPayment[]>`
    SELECT p.id::text AS id, p.status::text AS status, p."amountCents", p."feeCents", p.currency, p."utilityId"::text AS "utilityId",
           p."accountId"::text AS "accountId", p."methodId"::text AS "methodId", m."removedAt" IS NULL AS "methodUsable"
      FROM "Payment" p LEFT JOIN "PaymentMethod" m ON m.id = p."methodId"
     WHERE p.id = ${challenge.paymentId}::uuid FOR UPDATE OF p`;
  return bindingOf(challenge, payment ?? null);
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

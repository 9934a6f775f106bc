import 'server-only';
import { db } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { OTP_POLICY } from '@/lib/otp/policy';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { awaitsCode, awaitsReview } from './states';

/** A payment nobody confirmed: its review page left open this long expires too. */
export const CREATED_PAYMENT_TTL_MS = 30 * 60_000;

/**
 * Whether a payment is past its time as the job below sees it (the same rule, read without writing,
 * for pages: a receipt shows EXPIRED before the job, at most a minute later, writes it).
 */
export function isStale(
  payment: {
    status: string;
    otpSentAt: Date | null;
    updatedAt: Date;
    challenges: ReadonlyArray<{ status: string; expiresAt: Date }>;
  },
  now: Date,
): boolean {
  if (awaitsReview(payment.status)) return payment.updatedAt.getTime() <= now.getTime() - CREATED_PAYMENT_TTL_MS;
  if (!awaitsCode(payment.status) || !payment.otpSentAt) return false;
  return (
    payment.otpSentAt.getTime() <= now.getTime() - OTP_POLICY.ttlMs &&
    !payment.challenges.some((c) => c.status === 'PENDING' && c.expiresAt > now)
  );
}

/**
 * Payments waiting for a code past the code's lifetime (no open challenge left) become EXPIRED and
 * can be started again; the customer is texted that nothing was charged (once: the move happens
 * once). Payments never sent for a code expire quietly after CREATED_PAYMENT_TTL_MS. Runs every
 * minute in the job runner (lib/payments/jobs.ts); `isStale` is its rule for one payment, read-only.
 */
export async function expireStalePayments(now: Date, paymentId?: string): Promise<number> {
  const codeCutoff = new Date(now.getTime() - OTP_POLICY.ttlMs);
  const waiting = await transaction(async (tx) => {
    const expired = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Payment" p SET status = 'EXPIRED', "expiredAt" = ${now}, "updatedAt" = ${now}
       WHERE p.status = 'AWAITING_OTP' AND p."otpSentAt" <= ${codeCutoff}
         AND (${paymentId ?? null}::uuid IS NULL OR p.id = ${paymentId ?? null}::uuid)
         AND NOT EXISTS (SELECT 1 FROM "OtpChallenge" c
                          WHERE c."paymentId" = p.id AND c.status = 'PENDING' AND c."expiresAt" > ${now})
       RETURNING p.id`;
    if (expired.length === 0) return 0;
    const host = new URL(env().PUBLIC_ORIGIN).hostname;
    const payments = await tx.payment.findMany({
      where: { id: { in: expired.map((p) => p.id) } },
      select: {
        id: true,
        amountCents: true,
        feeCents: true,
        customer: { select: { phoneE164: true, language: true } },
        account: { select: { accountNumber: true } },
        utility: { select: { shortName: true, currency: true, timeZone: true } },
      },
    });
    for (const payment of payments) {
      await queueSms(tx, {
        kind: 'PAYMENT_EXPIRED',
        toE164: payment.customer.phoneE164,
        carriesCode: false,
        paymentId: payment.id,
        text: smsTemplatesFor(payment.customer.language).paymentExpired({
          utility: payment.utility,
          amountCents: payment.amountCents + payment.feeCents,
          accountNumber: payment.account.accountNumber,
          host,
        }),
      });
    }
    return expired.length;
  });
  const unreviewed = await db().payment.updateMany({
    where: {
      ...(paymentId ? { id: paymentId } : {}),
      status: 'CREATED',
      updatedAt: { lte: new Date(now.getTime() - CREATED_PAYMENT_TTL_MS) },
    },
    data: { status: 'EXPIRED', expiredAt: now },
  });
  return waiting + unreviewed.count;
}

import 'server-only';
import { db } from '@/lib/db';
import { OTP_POLICY } from '@/lib/otp/policy';

/** A payment nobody confirmed: its review page left open this long expires too. */
export const CREATED_PAYMENT_TTL_MS = 30 * 60_000;

/**
 * Payments waiting for a code past the code's lifetime (no open challenge left) become EXPIRED and
 * can be started again. Runs every minute in the job runner (lib/payments/jobs.ts), and for one payment before it is shown.
 */
export async function expireStalePayments(now: Date, paymentId?: string): Promise<number> {
  const waiting = await db().payment.updateMany({
    where: {
      ...(paymentId ? { id: paymentId } : {}),
      status: 'AWAITING_OTP',
      otpSentAt: { lte: new Date(now.getTime() - OTP_POLICY.ttlMs) },
      challenges: { none: { status: 'PENDING', expiresAt: { gt: now } } },
    },
    data: { status: 'EXPIRED', expiredAt: now },
  });
  const unreviewed = await db().payment.updateMany({
    where: {
      ...(paymentId ? { id: paymentId } : {}),
      status: 'CREATED',
      updatedAt: { lte: new Date(now.getTime() - CREATED_PAYMENT_TTL_MS) },
    },
    data: { status: 'EXPIRED', expiredAt: now },
  });
  return waiting.count + unreviewed.count;
}

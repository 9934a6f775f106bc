import 'server-only';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import type { OtpPurpose } from '@/generated/prisma/enums';
import { OTP_POLICY } from '@/lib/otp/policy';
import { maskPhone } from '@/lib/phone';
import { isUuid } from '@/lib/validation/ids';

export type ChallengeStatus = {
  challengeId: string;
  phoneMasked: string;
  state: 'open' | 'expired' | 'closed';
  attemptsLeft: number;
  expiresAt: Date;
  resendAvailableAt: Date;
};

/** What a code page shows: where the code went, tries left, expiry, when a resend is allowed. */
export async function getChallengeStatus(
  challengeId: string,
  purpose: OtpPurpose,
  paymentId?: string,
): Promise<ChallengeStatus | null> {
  if (!isUuid(challengeId)) return null;
  const challenge = await db().otpChallenge.findUnique({ where: { id: challengeId } });
  if (!challenge || challenge.purpose !== purpose || (paymentId && challenge.paymentId !== paymentId)) return null;
  const now = clock.now();
  const state = challenge.status !== 'PENDING' ? 'closed' : challenge.expiresAt <= now ? 'expired' : 'open';
  return {
    challengeId,
    phoneMasked: maskPhone(challenge.phoneE164),
    state,
    attemptsLeft: Math.max(0, OTP_POLICY.wrongCodesPerChallenge - challenge.failedCount),
    expiresAt: challenge.expiresAt,
    resendAvailableAt: new Date(challenge.createdAt.getTime() + OTP_POLICY.resendCooldown.windowMs),
  };
}

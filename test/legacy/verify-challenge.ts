import type { Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { clock } from '@/lib/clock';
import type { OtpPurpose } from '@/generated/prisma/enums';
import { bindingFor, digestBinding } from './binding';
import { OtpError } from '@/lib/otp/errors';
import { recordOtpEvent } from './events';
import { hashCode, hashesMatch } from '@/lib/otp/keys';
import { BUCKETS, OTP_POLICY, strangersBudget } from '@/lib/otp/policy';
import type { LegacyChooseBudget as ChooseBudget } from './binding';
import { countHits, lockRateKeys, recordHits, waitFor, waitsFor } from '@/lib/limits';
import { isUuid } from '@/lib/validation/ids';

export type VerifiedChallenge = { id: string; purpose: OtpPurpose; phoneE164: string; paymentId: string | null };

export type VerifyChallengeOptions<T> = {
  challengeId: string;
  purpose: OtpPurpose;
  code: string;
  clientIp: string | null;
  /** Whose wrong codes this attempt counts against: the strangers' budget of the phone unless the caller knows better. */
  failureBudget?: ChooseBudget;
  /**
   * Runs in the transaction that consumes the challenge: for a payment, its move to COMPLETED. If it
   * throws, the challenge is not consumed.
   */
  onVerified: (tx: Tx, challenge: VerifiedChallenge) => Promise<T>;
};

/**
 * Checks a code against its challenge. All of a phone's verifications and sends run one at a time
 * (an advisory lock on the phone), the comparison is constant-time, and consumption is a single
 * conditional UPDATE (PENDING -> VERIFIED) in the same transaction as `onVerified`: however many
 * submissions race, one succeeds. Refusals are committed (wrong-code counts, events) and then thrown
 * as OtpError.
 */
export async function verifyChallenge<T>(options: VerifyChallengeOptions<T>): Promise<T> {
  const { challengeId, purpose, code, clientIp } = options;
  if (!isUuid(challengeId)) throw OtpError.unavailable();
  const outcome = await transaction(async (tx) => {
    const found = await tx.otpChallenge.findUnique({
      where: { id: challengeId },
      select: { phoneE164: true, purpose: true },
    });
    // A code for one purpose never works for another; an unknown challenge looks like a dead one.
    if (!found || found.purpose !== purpose) return { refused: OtpError.unavailable() };
    const phoneE164 = found.phoneE164;
    await lockRateKeys(tx, [`phone:${phoneE164}`]);
    const now = clock.now();

    const challenge = await tx.otpChallenge.findUniqueOrThrow({ where: { id: challengeId } });
    if (challenge.status === 'VERIFIED') return { refused: OtpError.alreadyUsed() };
    if (challenge.status !== 'PENDING')
      return { refused: challenge.status === 'LOCKED' ? OtpError.tooManyWrong() : OtpError.unavailable() };

    const budget = options.failureBudget ? await options.failureBudget(tx, phoneE164) : strangersBudget(phoneE164);
    const [budgetWait = 0, clientWait = 0] = await waitsFor(
      tx,
      [
        { bucket: budget.bucket, key: budget.key, windows: [OTP_POLICY.failureBudget] },
        { bucket: BUCKETS.failClient, key: clientIp ?? '', windows: clientIp ? [OTP_POLICY.failuresPerClient] : [] },
      ],
      now,
    );
    if (budgetWait > 0) {
      await recordOtpEvent(tx, { type: 'BUDGET_SPENT', purpose, phoneE164, clientIp, challengeId, at: now });
      return { refused: OtpError.locked(budgetWait) };
    }
    if (clientWait > 0) return { refused: OtpError.rateLimited(clientWait) };
    if (challenge.expiresAt.getTime() <= now.getTime()) {
      await recordOtpEvent(tx, { type: 'EXPIRED', purpose, phoneE164, clientIp, challengeId, at: now });
      return { refused: OtpError.expired() };
    }

    // What you see is what you sign: if the payment changed since the code was sent, the code is dead.
    // For a payment this locks its row: from here to the commit, nothing else changes it.
    const binding = await bindingFor(tx, challenge);
    if (binding === null || !hashesMatch(digestBinding(binding), challenge.bindingDigest)) {
      await tx.otpChallenge.update({ where: { id: challengeId }, data: { status: 'INVALIDATED' } });
      await recordOtpEvent(tx, { type: 'INVALIDATED', purpose, phoneE164, clientIp, challengeId, at: now });
      return { refused: OtpError.invalidated() };
    }
    let matches = false;
    try {
      matches = /^\d+$/.test(code) && hashesMatch(hashCode(challenge.keyId, binding, code), challenge.codeHash);
    } catch {
      // The challenge's key was retired from OTP_HMAC_KEYS: nothing can match.
      matches = false;
    }

    if (!matches) {
      const failedCount = challenge.failedCount + 1;
      const killed = failedCount >= OTP_POLICY.wrongCodesPerChallenge;
      await tx.otpChallenge.update({
        where: { id: challengeId },
        data: { failedCount, ...(killed ? { status: 'LOCKED' } : {}) },
      });
      await recordHits(
        tx,
        [
          { bucket: budget.bucket, key: budget.key },
          ...(clientIp ? [{ bucket: BUCKETS.failClient, key: clientIp }] : []),
        ],
        now,
      );
      await recordOtpEvent(tx, { type: 'WRONG_CODE', purpose, phoneE164, clientIp, challengeId, at: now });
      if (killed) await recordOtpEvent(tx, { type: 'LOCKED', purpose, phoneE164, clientIp, challengeId, at: now });
      const failures = await countHits(tx, budget.bucket, budget.key, OTP_POLICY.failureBudget.windowMs, now);
      if (failures >= OTP_POLICY.failureBudget.limit) {
        await recordOtpEvent(tx, { type: 'BUDGET_SPENT', purpose, phoneE164, clientIp, challengeId, at: now });
        return {
          refused: OtpError.locked(await waitFor(tx, budget.bucket, budget.key, [OTP_POLICY.failureBudget], now)),
        };
      }
      return {
        refused: killed ? OtpError.tooManyWrong() : OtpError.wrongCode(OTP_POLICY.wrongCodesPerChallenge - failedCount),
      };
    }

    const consumed = await tx.otpChallenge.updateMany({
      where: { id: challengeId, status: 'PENDING', expiresAt: { gt: now } },
      data: { status: 'VERIFIED', consumedAt: now },
    });
    if (consumed.count !== 1) return { refused: OtpError.alreadyUsed() };
    await recordOtpEvent(tx, { type: 'VERIFIED', purpose, phoneE164, clientIp, challengeId, at: now });
    const value = await options.onVerified(tx, { id: challengeId, purpose, phoneE164, paymentId: challenge.paymentId });
    return { value };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.value;
}

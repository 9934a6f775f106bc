import { randomInt, randomUUID } from 'node:crypto';
import { transaction } from '@/lib/db/transaction';
import { clock } from '@/lib/clock';
import { queueSms } from '@/lib/sms/queue';
import { bindingFor, digestBinding } from './binding';
import { OtpError } from '@/lib/otp/errors';
import { recordOtpEvent } from './events';
import { currentKeyId, hashCode } from '@/lib/otp/keys';
import { BUCKETS, OTP_POLICY, strangersBudget, type FailureBudget } from '@/lib/otp/policy';
import type { LegacyChooseBudget as ChooseBudget } from './binding';
import { lockRateKeys, recordHits, waitsFor } from '@/lib/limits';
import { UNKNOWN_CLIENT } from '@/lib/request/client-ip';
import { textBudgets } from '@/lib/sms/budgets';
import type { CreateChallengeOptions as NewOptions, CreatedChallenge } from '@/lib/otp/create-challenge';

/** The options of today's createChallenge, with the old budget choice (a lookup in the transaction). */
export type CreateChallengeOptions = Omit<
  NewOptions,
  'failureBudget' | 'deviceHash' | 'movePayment' | 'boundPayment'
> & {
  failureBudget?: ChooseBudget;
};

/** The key a sender's send caps count under: the phone for strangers, the phone and who else otherwise. */
function senderKeyOf(phoneE164: string, budget: FailureBudget): string {
  return budget.bucket === BUCKETS.failPhone ? phoneE164 : `${budget.bucket}|${budget.key}`;
}

/** Six uniform decimal digits from the OS CSPRNG, leading zeros kept. */
function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_POLICY.codeDigits)).padStart(OTP_POLICY.codeDigits, '0');
}

/**
 * Creates a challenge and queues its SMS in one transaction, after the sender's failure budget and
 * the send limits (per phone and sender, per client address) allow it. A new challenge supersedes the phone's
 * open ones for the same purpose (and payment): a resend kills the old code.
 */
export async function createChallenge(options: CreateChallengeOptions): Promise<CreatedChallenge> {
  const { purpose, phoneE164, clientIp } = options;
  // Sized before the transaction: the automatic budget reads the last 7 days on a connection of its own.
  const budgets = options.message ? await textBudgets(phoneE164, clock.now()) : [];
  const outcome = await transaction(async (tx) => {
    const now = clock.now();
    const ipKey = clientIp ? `ip:${clientIp}` : null;
    await lockRateKeys(tx, [`phone:${phoneE164}`, ...(ipKey ? [ipKey] : [])]);

    const budget = options.failureBudget ? await options.failureBudget(tx, phoneE164) : strangersBudget(phoneE164);
    const senderKey = senderKeyOf(phoneE164, budget);
    const resendKey = `${senderKey}|${purpose}`;
    const sendChecks = [
      { bucket: BUCKETS.resend, key: resendKey, windows: [OTP_POLICY.resendCooldown] },
      { bucket: BUCKETS.sendPhone, key: senderKey, windows: OTP_POLICY.sendsPerPhone },
      ...(ipKey
        ? [
            {
              bucket: BUCKETS.sendIp,
              key: ipKey,
              windows: clientIp === UNKNOWN_CLIENT ? OTP_POLICY.sendsPerUnknownClient : OTP_POLICY.sendsPerIp,
            },
          ]
        : []),
    ];
    // Every limit in one statement: the failure budgets, the send caps, then the text budgets.
    const waits = await waitsFor(
      tx,
      [
        { bucket: budget.bucket, key: budget.key, windows: [OTP_POLICY.failureBudget] },
        { bucket: BUCKETS.failClient, key: clientIp ?? '', windows: clientIp ? [OTP_POLICY.failuresPerClient] : [] },
        ...sendChecks,
        ...budgets,
      ],
      now,
    );
    const [budgetWait = 0, clientFailureWait = 0] = waits;
    const sendWaits = waits.slice(2, 2 + sendChecks.length);
    const budgetWaits = waits.slice(2 + sendChecks.length);
    if (budgetWait > 0) {
      await recordOtpEvent(tx, { type: 'BUDGET_SPENT', purpose, phoneE164, clientIp, at: now });
      return { refused: OtpError.locked(budgetWait) };
    }
    if (clientFailureWait > 0) {
      await recordOtpEvent(tx, { type: 'RATE_LIMITED', purpose, phoneE164, clientIp, at: now });
      return { refused: OtpError.rateLimited(clientFailureWait) };
    }
    const sendWait = Math.max(0, ...sendWaits);
    if (sendWait > 0) {
      await recordOtpEvent(tx, { type: 'RATE_LIMITED', purpose, phoneE164, clientIp, at: now });
      return { refused: OtpError.rateLimited(sendWait) };
    }
    // The text budgets (all numbers; this number's prefix): they hold when addresses rotate.
    const textBudgetWait = Math.max(0, ...budgetWaits);
    if (textBudgetWait > 0) {
      await recordOtpEvent(tx, { type: 'TEXT_BUDGET_TRIPPED', purpose, phoneE164, clientIp, at: now });
      return { refused: OtpError.textsPaused(textBudgetWait) };
    }

    // The binding first: for a payment it locks the payment's row, and every path that changes a
    // payment and its codes locks the payment before the codes (no deadlock between them).
    const id = randomUUID();
    const binding = await bindingFor(tx, { id, purpose, phoneE164, paymentId: options.paymentId ?? null });
    if (binding === null) return { refused: OtpError.unavailable() }; // the payment closed meanwhile

    const superseded = await tx.otpChallenge.findMany({
      where: { phoneE164, purpose, status: 'PENDING', ...(options.paymentId ? { paymentId: options.paymentId } : {}) },
      select: { id: true },
    });
    if (superseded.length > 0) {
      await tx.otpChallenge.updateMany({
        where: { id: { in: superseded.map((c) => c.id) }, status: 'PENDING' },
        data: { status: 'SUPERSEDED' },
      });
      for (const old of superseded)
        await recordOtpEvent(tx, { type: 'SUPERSEDED', purpose, phoneE164, clientIp, challengeId: old.id, at: now });
    }

    const code = generateCode();
    const keyId = currentKeyId();
    const expiresAt = new Date(now.getTime() + OTP_POLICY.ttlMs);
    await tx.otpChallenge.create({
      data: {
        id,
        purpose,
        phoneE164,
        paymentId: options.paymentId,
        codeHash: hashCode(keyId, binding, code),
        bindingDigest: digestBinding(binding),
        keyId,
        expiresAt,
        clientIp,
        createdAt: now,
      },
    });
    await recordHits(
      tx,
      [
        { bucket: BUCKETS.sendPhone, key: senderKey },
        { bucket: BUCKETS.resend, key: resendKey },
        ...(ipKey ? [{ bucket: BUCKETS.sendIp, key: ipKey }] : []),
        ...budgets.map(({ bucket, key }) => ({ bucket, key })),
      ],
      now,
    );
    await recordOtpEvent(tx, { type: 'CREATED', purpose, phoneE164, clientIp, challengeId: id, at: now });

    if (options.message) {
      const { kind, text } = options.message(code);
      await queueSms(tx, {
        kind,
        toE164: phoneE164,
        text,
        carriesCode: true,
        challengeId: id,
        paymentId: options.paymentId,
      });
    }
    await options.onCreated?.(tx, { id, expiresAt, createdAt: now });
    const resendAvailableAt = new Date(now.getTime() + OTP_POLICY.resendCooldown.windowMs);
    return { created: { challengeId: id, expiresAt, resendAvailableAt } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.created;
}

import 'server-only';
import { randomInt, randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db';
import { BusyError, transaction } from '@/lib/db/transaction';
import { clock } from '@/lib/clock';
import type { OtpPurpose, SmsKind } from '@/generated/prisma/enums';
import { maskPhone } from '@/lib/phone';
import { sealedCodeMessage } from '@/lib/sms/queue';
import { OptedOutError } from '@/lib/sms/suppression';
import { textBudgets } from '@/lib/sms/budgets';
import { requireUtility } from '@/lib/utility';
import { bindingOf, digestBinding, type BoundPayment } from './binding';
import { OtpError } from './errors';
import { currentKeyId, hashCode } from './keys';
import { OTP_POLICY, strangersBudget, type ChooseBudget } from './policy';
import { readBoundPayment, sendStep, type SendOutcome } from './steps';

export type CreateChallengeOptions = {
  purpose: OtpPurpose;
  phoneE164: string;
  /** The requesting client's address, or UNKNOWN_CLIENT; null only for calls from no request (scripts). */
  clientIp: string | null;
  paymentId?: string;
  /**
   * The text that carries the code. Omitted when nothing may be sent (sign-in for a number with no
   * account): the challenge and its limits then behave exactly as for a real one, so the answer
   * does not tell whether the number is registered.
   */
  message?: (code: string) => { kind: SmsKind; text: string };
  /**
   * Who is asking, as a budget: the strangers' of the phone unless the caller knows better. Their
   * wrong codes block this send, and their sends count against their own caps: strangers asking for
   * codes cannot use up the texts the owner's browser or payment codes may get.
   */
  failureBudget?: ChooseBudget;
  /** The asking browser's device hash: once that browser proved the phone, it has a budget of its own. */
  deviceHash?: string;
  /** Runs in the same transaction once the challenge exists (e.g. an account link records its code). */
  onCreated?: (tx: Tx, challenge: { id: string; expiresAt: Date; createdAt: Date }) => Promise<void>;
  /**
   * A payment code, in the same statement: the payment moves to AWAITING_OTP from one of `from`
   * (else `refused()` is thrown and nothing is written) and the send is audited as `by`'s.
   */
  movePayment?: { by: string; from: readonly string[]; refused: () => Error };
  /** The payment's bound fields as the caller just read them (else they are read here). */
  boundPayment?: BoundPayment;
};

export type CreatedChallenge = { challengeId: string; expiresAt: Date; resendAvailableAt: Date };

/** Six uniform decimal digits from the OS CSPRNG, leading zeros kept. */
export function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_POLICY.codeDigits)).padStart(OTP_POLICY.codeDigits, '0');
}

/**
 * Creates a challenge and queues its SMS in one statement (`utilitypay_otp_send`), after the
 * sender's failure budget and the send limits (per phone and sender, per client address, the text
 * budgets) allow it. A new challenge supersedes the phone's open ones for the same purpose (and
 * payment): a resend kills the old code. The code, its HMAC and the sealed text are made here; the
 * rules run in PostgreSQL under the phone's lock.
 */
export async function createChallenge(options: CreateChallengeOptions): Promise<CreatedChallenge> {
  const { purpose, phoneE164, clientIp } = options;
  const paymentId = options.paymentId ?? null;
  // Sized before the step: the automatic budget reads the last 7 days (cached).
  const budgets = options.message ? await textBudgets(phoneE164, clock.now()) : [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const now = clock.now();
    const id = randomUUID();
    // A payment code hashes the payment as read here; the step re-reads it under its row lock.
    const bound =
      purpose === 'PAYMENT' && paymentId
        ? attempt === 1 && options.boundPayment
          ? options.boundPayment
          : await readBoundPayment(paymentId)
        : null;
    const binding = bindingOf({ id, purpose, phoneE164, paymentId }, bound);
    const code = generateCode();
    const keyId = currentKeyId();
    const expiresAt = new Date(now.getTime() + OTP_POLICY.ttlMs);
    // A closed account's number was cleared (lib/customers/close-account.ts): nobody to text.
    const message = phoneE164.startsWith('+') ? options.message?.(code) : undefined;
    const sms = message ? sealedCodeMessage(message.kind, message.text) : null;
    const step = {
      id,
      purpose,
      phone: phoneE164,
      phoneMasked: maskPhone(phoneE164),
      clientIp,
      paymentId,
      budget: (options.failureBudget ?? strangersBudget)(phoneE164),
      deviceHash: options.deviceHash ?? null,
      now,
      bound,
      bindingOk: binding !== null,
      codeHash: binding ? hashCode(keyId, binding, code) : '',
      bindingDigest: binding ? digestBinding(binding) : '',
      keyId,
      expiresAt,
      textBudgets: budgets,
      sms,
      movePayment: options.movePayment ? { by: options.movePayment.by, from: options.movePayment.from } : null,
    };
    const onCreated = options.onCreated;
    const sent: SendOutcome = onCreated
      ? await transaction(async (tx) => {
          const result = await sendStep(step, tx);
          if (result.outcome === 'created') await onCreated(tx, { id, expiresAt, createdAt: now });
          return result;
        })
      : await sendStep(step);
    switch (sent.outcome) {
      case 'created':
        return {
          challengeId: id,
          expiresAt,
          resendAvailableAt: new Date(now.getTime() + OTP_POLICY.resendCooldown.windowMs),
        };
      case 'stale':
        continue; // the payment changed between the read and the lock: hash it again
      case 'locked':
        throw OtpError.locked(sent.wait_ms);
      case 'rate_limited':
        throw OtpError.rateLimited(sent.wait_ms);
      case 'texts_paused':
        throw OtpError.textsPaused(sent.wait_ms);
      case 'opted_out':
        throw new OptedOutError(await requireUtility());
      case 'unavailable':
        throw OtpError.unavailable(); // the payment closed meanwhile
      case 'not_payable':
        throw options.movePayment?.refused() ?? OtpError.unavailable();
    }
  }
  throw new BusyError();
}

import 'server-only';
import type { Tx } from '@/lib/db';
import { BusyError, transaction } from '@/lib/db/transaction';
import { clock } from '@/lib/clock';
import type { OtpPurpose } from '@/generated/prisma/enums';
import { maskPhone } from '@/lib/phone';
import { isUuid } from '@/lib/validation/ids';
import { bindingOf, digestBinding } from './binding';
import { OtpError } from './errors';
import { hashCode, hashesMatch } from './keys';
import { strangersBudget, type ChooseBudget } from './policy';
import { readChallenge, verifyStep, type ChallengeRead, type VerifyOutcome, type VerifyStep } from './steps';

export type VerifiedChallenge = { id: string; purpose: OtpPurpose; phoneE164: string; paymentId: string | null };

type VerifyOptions = {
  challengeId: string;
  purpose: OtpPurpose;
  code: string;
  clientIp: string | null;
  /** Whose wrong codes this attempt counts against: the strangers' budget of the phone unless the caller knows better. */
  failureBudget?: ChooseBudget;
  /** The submitting browser's device hash: once that browser proved the phone, it has a budget of its own. */
  deviceHash?: string;
  /** The challenge as the caller read it already (readPaymentChallenge): its first attempt reads nothing. */
  read?: ChallengeRead;
  /** Runs after a refusal committed, told whose budget the attempt counted against. */
  onRefused?: (error: OtpError, attempt: { phoneE164: string; budgetBucket: string | null }) => Promise<void>;
};

export type VerifyChallengeOptions<T> = VerifyOptions & {
  /**
   * Runs in the transaction that consumes the challenge: for a payment, its move to PROCESSING. If it
   * throws, the challenge is not consumed.
   */
  onVerified: (tx: Tx, challenge: VerifiedChallenge) => Promise<T>;
};

/**
 * Checks a code against its challenge. The challenge is read (one statement, with the payment it is
 * bound to), the code compared here in constant time, and `utilitypay_otp_verify` applies the
 * verdict under the phone's advisory lock: all of a phone's verifications and sends run one at a
 * time, the payment's row is locked and re-checked, and consumption is a single conditional UPDATE
 * (PENDING -> VERIFIED) in the same transaction as `onVerified`: however many submissions race, one
 * succeeds. Refusals are committed (wrong-code counts, events) and then thrown as OtpError.
 */
export function verifyChallenge<T>(options: VerifyChallengeOptions<T>): Promise<T> {
  return verifyWith<T>(options, (step, challenge) =>
    transaction(async (tx) => {
      const result = await verifyStep(step, tx);
      if (result.outcome !== 'verified') return { result };
      return { result, value: await options.onVerified(tx, challenge) };
    }),
  );
}

/**
 * A code and what it unlocks in one statement (no transaction around it): `utilitypay_otp_verify`
 * consumes the code, then with `signIn` registers or signs in the customer it proves
 * (`utilitypay_customer_sign_in`), with `reserve` reserves the payment it is bound to
 * (`utilitypay_payment_reserve`). Returns what that returned.
 */
export function verifyChallengeAndThen(
  options: VerifyOptions & ({ signIn: Record<string, unknown> } | { reserve: Record<string, unknown> }),
): Promise<unknown> {
  const then = 'signIn' in options ? { signIn: options.signIn } : { reserve: options.reserve };
  return verifyWith<unknown>(options, async (step) => {
    const result = await verifyStep({ ...step, ...then });
    return result.outcome === 'verified' ? { result, value: result.result } : { result };
  });
}

async function verifyWith<T>(
  options: VerifyOptions,
  apply: (step: VerifyStep, challenge: VerifiedChallenge) => Promise<{ result: VerifyOutcome; value?: T }>,
): Promise<T> {
  const { challengeId, purpose, code, clientIp } = options;
  if (!isUuid(challengeId)) throw OtpError.unavailable();
  for (let attempt = 1; attempt <= 3; attempt++) {
    const challenge = attempt === 1 && options.read ? options.read : await readChallenge(challengeId);
    // A code for one purpose never works for another; an unknown challenge looks like a dead one.
    if (!challenge || challenge.purpose !== purpose) throw OtpError.unavailable();
    const phoneE164 = challenge.phoneE164;

    // What you see is what you sign: if the payment changed since the code was sent, the code is dead.
    const binding = bindingOf(challenge, challenge.bound);
    let verdict: VerifyStep['verdict'] = 'invalidated';
    if (binding !== null && hashesMatch(digestBinding(binding), challenge.bindingDigest)) {
      let matches = false;
      try {
        matches = /^\d+$/.test(code) && hashesMatch(hashCode(challenge.keyId, binding, code), challenge.codeHash);
      } catch {
        // The challenge's key was retired from OTP_HMAC_KEYS: nothing can match.
        matches = false;
      }
      verdict = matches ? 'match' : 'wrong';
    }

    const outcome = await apply(
      {
        challengeId,
        purpose,
        phone: phoneE164,
        phoneMasked: maskPhone(phoneE164),
        clientIp,
        budget: (options.failureBudget ?? strangersBudget)(phoneE164),
        deviceHash: options.deviceHash ?? null,
        now: clock.now(),
        verdict,
        bound: challenge.bound,
      },
      { id: challengeId, purpose, phoneE164, paymentId: challenge.paymentId },
    );
    if ('value' in outcome) return outcome.value as T;
    if (outcome.result.outcome === 'stale') continue; // the payment changed between the read and the lock
    const error = refusal(outcome.result);
    await options.onRefused?.(error, { phoneE164, budgetBucket: outcome.result.budget_bucket });
    throw error;
  }
  throw new BusyError();
}

function refusal(result: VerifyOutcome): OtpError {
  switch (result.outcome) {
    case 'already_used':
      return OtpError.alreadyUsed();
    case 'too_many_wrong':
      return OtpError.tooManyWrong();
    case 'locked':
      return OtpError.locked(result.wait_ms);
    case 'rate_limited':
      return OtpError.rateLimited(result.wait_ms);
    case 'expired':
      return OtpError.expired();
    case 'invalidated':
      return OtpError.invalidated();
    case 'wrong_code':
      return OtpError.wrongCode(result.attempts_left ?? 0);
    default:
      return OtpError.unavailable();
  }
}

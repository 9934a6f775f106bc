import { AppError } from '@/lib/errors';
import { waitText } from '@/lib/limits';

export type OtpErrorCode =
  'expired' | 'wrong_code' | 'too_many_wrong' | 'locked' | 'rate_limited' | 'unavailable' | 'already_used';

/** Why a code was refused, with what the person can do next. Never carries the code. */
export class OtpError extends AppError {
  constructor(
    readonly code: OtpErrorCode,
    message: string,
    readonly details: { attemptsLeft?: number; retryAfterSeconds?: number } = {},
  ) {
    super(code, message);
  }

  static expired() {
    return new OtpError('expired', 'That code has expired. Ask for a new code.');
  }
  static wrongCode(attemptsLeft: number) {
    return new OtpError(
      'wrong_code',
      `That code is not right. You have ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
      { attemptsLeft },
    );
  }
  static tooManyWrong() {
    return new OtpError('too_many_wrong', 'Too many wrong codes. That code no longer works: ask for a new code.', {
      attemptsLeft: 0,
    });
  }
  static locked(retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new OtpError(
      'locked',
      `Too many wrong codes for this phone. For your safety, try again in ${waitText(retryAfterMs)}.`,
      { retryAfterSeconds },
    );
  }
  static rateLimited(retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new OtpError('rate_limited', `Please wait ${waitText(retryAfterMs)} before asking for another code.`, {
      retryAfterSeconds,
    });
  }
  /** A text budget (global or per number prefix) is spent: no more codes for a while, for anyone it covers. */
  static textsPaused(retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new OtpError(
      'rate_limited',
      `We are not sending codes to numbers like yours for a while, to stop abuse. Please try again in ${waitText(retryAfterMs)}, or call us to pay another way.`,
      { retryAfterSeconds },
    );
  }
  static unavailable() {
    return new OtpError('unavailable', 'That code can no longer be used. Ask for a new code.');
  }
  /** The code page itself is broken or stale (its challenge id is not one). */
  static pageExpired() {
    return new OtpError('unavailable', 'That code page has expired. Ask for a new code.');
  }
  static invalidated() {
    return new OtpError(
      'unavailable',
      'The payment changed after this code was sent, so the code no longer works. Ask for a new code.',
    );
  }
  static alreadyUsed() {
    return new OtpError('already_used', 'That code has already been used.');
  }
}

import { AppError } from '@/lib/errors';
import type { Message } from '@/lib/i18n/translate';
import { waitMessage } from '@/lib/limits';

export type OtpErrorCode =
  'expired' | 'wrong_code' | 'too_many_wrong' | 'locked' | 'rate_limited' | 'unavailable' | 'already_used';

function retryAfter(retryAfterMs: number) {
  return { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Why a code was refused, with what the person can do next. Never carries the code. */
export class OtpError extends AppError {
  constructor(
    readonly code: OtpErrorCode,
    message: Message,
    readonly details: { attemptsLeft?: number; retryAfterSeconds?: number } = {},
  ) {
    super(code, message);
  }

  static expired() {
    return new OtpError('expired', { key: 'otp.expired' });
  }
  static wrongCode(attemptsLeft: number) {
    return new OtpError('wrong_code', { key: 'otp.wrongCode', values: { attemptsLeft } }, { attemptsLeft });
  }
  static tooManyWrong() {
    return new OtpError('too_many_wrong', { key: 'otp.tooManyWrong' }, { attemptsLeft: 0 });
  }
  static locked(retryAfterMs: number) {
    return new OtpError(
      'locked',
      { key: 'otp.locked', values: { wait: waitMessage(retryAfterMs) } },
      retryAfter(retryAfterMs),
    );
  }
  static rateLimited(retryAfterMs: number) {
    return new OtpError(
      'rate_limited',
      { key: 'otp.rateLimited', values: { wait: waitMessage(retryAfterMs) } },
      retryAfter(retryAfterMs),
    );
  }
  /** A text budget (global or per number prefix) is spent: no more codes for a while, for anyone it covers. */
  static textsPaused(retryAfterMs: number) {
    return new OtpError(
      'rate_limited',
      { key: 'otp.textsPaused', values: { wait: waitMessage(retryAfterMs) } },
      retryAfter(retryAfterMs),
    );
  }
  static unavailable() {
    return new OtpError('unavailable', { key: 'otp.unavailable' });
  }
  /** The code page itself is broken or stale (its challenge id is not one). */
  static pageExpired() {
    return new OtpError('unavailable', { key: 'otp.pageExpired' });
  }
  static invalidated() {
    return new OtpError('unavailable', { key: 'otp.invalidated' });
  }
  static alreadyUsed() {
    return new OtpError('already_used', { key: 'otp.alreadyUsed' });
  }
}

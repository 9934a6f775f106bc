/**
 * Every number the OTP rules use, in one place. Each is a floor the tests prove at its boundary
 * (see docs/SECURITY.md for the standard each one answers).
 */
export const OTP_POLICY = {
  codeDigits: 6,
  ttlMs: 5 * 60_000,
  wrongCodesPerChallenge: 3,
  failureBudget: { limit: 10, windowMs: 24 * 3600_000 },
  /**
   * The resend cooldown: one code per phone per purpose a minute. It is per purpose so that signing
   * in and then paying (two different codes) does not make the customer wait; the caps below count
   * every code a phone gets, whatever it is for.
   */
  resendCooldown: { limit: 1, windowMs: 60_000 },
  sendsPerPhone: [
    { limit: 5, windowMs: 10 * 60_000 },
    { limit: 10, windowMs: 24 * 3600_000 },
  ],
  sendsPerIp: [{ limit: 20, windowMs: 3600_000 }],
  /**
   * Requests whose client address cannot be read (a proxy that sent none, a malformed header) share
   * one key, with a lower cap than one address gets: never "no limit".
   */
  sendsPerUnknownClient: [{ limit: 10, windowMs: 3600_000 }],
} as const;

export const BUCKETS = {
  sendPhone: 'otp:send:phone',
  resend: 'otp:send:resend',
  sendIp: 'otp:send:ip',
  failPhone: 'otp:fail:phone',
} as const;

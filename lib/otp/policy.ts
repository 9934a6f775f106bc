/**
 * Every number the OTP rules use, in one place. Each is a floor the tests prove at its boundary
 * (see docs/SECURITY.md for the standard each one answers).
 */
export const OTP_POLICY = {
  codeDigits: 6,
  ttlMs: 5 * 60_000,
  wrongCodesPerChallenge: 3,
  /**
   * Wrong codes a day, per budget: strangers share one per phone (so at most 10 guesses a day reach
   * a phone's codes from anyone who has not proven it), each browser that proved the phone has its
   * own, and a signed-in customer's payment codes have their own (only they can submit them).
   */
  failureBudget: { limit: 10, windowMs: 24 * 3600_000 },
  /** Wrong codes a day from one client address, whatever the phones: slows spraying many numbers. */
  failuresPerClient: { limit: 30, windowMs: 24 * 3600_000 },
  /** After this many strangers' wrong codes in a day, the owner gets one text saying so (a day). */
  guessingAlertAfter: 3,
  /**
   * The resend cooldown: one code per phone, sender and purpose a minute. It is per purpose so that
   * signing in and then paying (two different codes) does not make the customer wait; the caps below
   * count every code a sender gets for the phone, whatever it is for. Senders are strangers (shared),
   * each browser that proved the phone, and the signed-in customer's payment codes: strangers cannot
   * use up the owner's texts.
   */
  resendCooldown: { limit: 1, windowMs: 60_000 },
  /** Per phone and sender (strangers, each trusted browser, the signed-in customer's payment codes). */
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
  failDevice: 'otp:fail:device',
  failPayment: 'otp:fail:payment',
  failClient: 'otp:fail:client',
  guessingAlert: 'otp:alert:guessing',
} as const;

/**
 * Whose budget a request counts against, from the phone it is for: strangersBudget unless the caller
 * knows better. (A browser that proved the phone has its own instead: the OTP steps decide that
 * under the phone's lock from the device hash the caller passes.)
 */
export type ChooseBudget = (phoneE164: string) => FailureBudget;

/** Whose wrong codes a challenge's failures count against (see OTP_POLICY.failureBudget). */
export type FailureBudget = { bucket: string; key: string };

/** A signed-in customer's payment codes: only they can submit them, so strangers cannot spend it. */
export const paymentCodesBudget = (phoneE164: string): FailureBudget => ({
  bucket: BUCKETS.failPayment,
  key: phoneE164,
});

/**
 * Whose budget a payment code's wrong tries count against: the signed-in customer's payment codes,
 * or, for a one-time payer (who has not proven the number), the strangers' of the phone.
 */
export const payerBudget = (phoneE164: string, guest = false): FailureBudget =>
  guest ? strangersBudget(phoneE164) : paymentCodesBudget(phoneE164);

/** A browser that proved the phone before has a budget of its own. */
export const trustedDeviceBudget = (phoneE164: string, deviceHash: string): FailureBudget => ({
  bucket: BUCKETS.failDevice,
  key: `${phoneE164}|${deviceHash}`,
});

/** Strangers' budget: everyone who has not proven the phone shares it. */
export const strangersBudget = (phoneE164: string): FailureBudget => ({ bucket: BUCKETS.failPhone, key: phoneE164 });

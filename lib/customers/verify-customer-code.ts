import 'server-only';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { consentWording } from '@/lib/sms/opt-out';
import { BUCKETS } from '@/lib/otp/policy';
import { verifyChallengeAndThen } from '@/lib/otp/verify-challenge';
import { deviceHash } from './devices';
import { alertOwnerOfGuessing } from './guessing-alert';
import type { CustomerCodePurpose } from './send-customer-code';

export type VerifyCustomerCodeOptions = {
  purpose: CustomerCodePurpose;
  challengeId: string;
  code: string;
  clientIp: string | null;
  /** For registration: the name the person typed. */
  name?: string;
  /** The browser's device id (its cookie): trusted for the phone once a code is right there. */
  deviceId?: string;
  /**
   * Registration: the language of the page they registered on. Sign-in: a language this browser
   * chose with the switch, which becomes the customer's (absent: their saved one stays).
   */
  language?: Locale;
};

export type SignedInCustomer = { customerId: string; name: string; isNew: boolean; sessionVersion: number };

/**
 * Verifies a registration or sign-in code and returns the customer it proves. Registration
 * creates the customer (a number that is already registered just signs in, keeping its name).
 * Throws OtpError when the code is refused.
 */
export async function verifyCustomerCode(options: VerifyCustomerCodeOptions): Promise<SignedInCustomer | null> {
  const device = options.deviceId ? deviceHash(options.deviceId) : undefined;
  const customer = await verifyChallengeAndThen({
    challengeId: options.challengeId,
    purpose: options.purpose,
    code: options.code,
    clientIp: options.clientIp,
    deviceHash: device,
    // Who it proves, in the statement that consumes the code (utilitypay_customer_sign_in holds the rules).
    signIn: {
      name: options.name ?? null,
      language: options.language ?? null,
      defaultLanguage: DEFAULT_LOCALE,
      // The register page showed these words (in its language) above the code it sent: the moment of consent, kept.
      consentWording: consentWording(options.language),
      deviceHash: device ?? null,
    },
    // A stranger's wrong code: the owner hears about it (once a day, past a few).
    onRefused: async (error, attempt) => {
      if (GUESSING.has(error.code) && attempt.budgetBucket === BUCKETS.failPhone)
        await alertOwnerOfGuessing(attempt.phoneE164);
    },
  });
  return (customer as SignedInCustomer | null) ?? null;
}

const GUESSING = new Set(['wrong_code', 'too_many_wrong', 'locked']);

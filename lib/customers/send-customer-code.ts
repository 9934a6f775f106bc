import 'server-only';
import { deviceHash } from './devices';
import { checkTextable, smsHost } from './account-codes';
import { db } from '@/lib/db';
import { createChallenge, type CreatedChallenge } from '@/lib/otp/create-challenge';
import type { Locale } from '@/lib/i18n/locales';
import { smsTemplatesFor } from '@/lib/sms/templates';

export type CustomerCodePurpose = 'REGISTRATION' | 'SIGN_IN';

export type SendCustomerCodeOptions = {
  purpose: CustomerCodePurpose;
  phoneE164: string;
  clientIp: string | null;
  deviceId?: string;
  /** The language of the page that asked: the text is in it. */
  language?: Locale;
};

/**
 * Sends a registration or sign-in code. Registration always sends (the code proves the phone; a
 * registered number simply signs in), so the first step says the same for new and known numbers.
 * Sign-in sends only to registered numbers, but creates the challenge either way, with the same
 * limits and answers, so the page cannot be used to find out who is registered.
 */
export async function sendCustomerCode({
  purpose,
  phoneE164,
  clientIp,
  deviceId,
  language,
}: SendCustomerCodeOptions): Promise<CreatedChallenge> {
  const smsTemplates = smsTemplatesFor(language);
  // SMS pumping: no text to a country the utility does not serve, whoever asks.
  const utility = await checkTextable(phoneE164);
  const host = smsHost();
  // A guest payer's number (registeredAt null) has nothing to sign in to.
  const registered =
    purpose === 'SIGN_IN'
      ? (await db().customer.count({ where: { phoneE164, registeredAt: { not: null } } })) > 0
      : true;
  return createChallenge({
    purpose,
    phoneE164,
    clientIp,
    // A browser that proved this number has its own budget: strangers' wrong codes do not block it.
    deviceHash: deviceId ? deviceHash(deviceId) : undefined,
    message: registered
      ? (code) =>
          purpose === 'SIGN_IN'
            ? { kind: 'OTP_SIGN_IN', text: smsTemplates.signInCode({ utility, code, host }) }
            : { kind: 'OTP_REGISTRATION', text: smsTemplates.registrationCode({ utility, code, host }) }
      : undefined,
  });
}

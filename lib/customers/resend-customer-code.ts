import 'server-only';
import { db } from '@/lib/db';
import type { Locale } from '@/lib/i18n/locales';
import { OtpError } from '@/lib/otp/errors';
import type { CreatedChallenge } from '@/lib/otp/create-challenge';
import { sendCustomerCode, type CustomerCodePurpose } from './send-customer-code';
import { isUuid } from '@/lib/validation/ids';

/** A new code for the same phone and purpose as `challengeId` (the phone never comes from the client). */
export async function resendCustomerCode(
  challengeId: string,
  purpose: CustomerCodePurpose,
  clientIp: string | null,
  deviceId?: string,
  language?: Locale,
): Promise<CreatedChallenge> {
  const challenge = isUuid(challengeId)
    ? await db().otpChallenge.findUnique({ where: { id: challengeId }, select: { phoneE164: true, purpose: true } })
    : null;
  if (!challenge || challenge.purpose !== purpose) throw OtpError.unavailable();
  return sendCustomerCode({ purpose, phoneE164: challenge.phoneE164, clientIp, deviceId, language });
}

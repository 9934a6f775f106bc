import 'server-only';
import { db } from '@/lib/db';
import { OtpError } from '@/lib/otp/errors';
import type { CreatedChallenge } from '@/lib/otp/create-challenge';
import { sendCustomerCode, type CustomerCodePurpose } from './send-customer-code';

/** A new code for the same phone and purpose as `challengeId` (the phone never comes from the client). */
export async function resendCustomerCode(challengeId: string, purpose: CustomerCodePurpose, clientIp: string | null): Promise<CreatedChallenge> {
  const challenge = /^[0-9a-f-]{36}$/i.test(challengeId)
    ? await db().otpChallenge.findUnique({ where: { id: challengeId }, select: { phoneE164: true, purpose: true } })
    : null;
  if (!challenge || challenge.purpose !== purpose) throw OtpError.unavailable();
  return sendCustomerCode({ purpose, phoneE164: challenge.phoneE164, clientIp });
}

import { vi } from 'vitest';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { unsealText } from '@/lib/sms/seal';
import { SMS_TEMPLATES } from '@/lib/sms/templates';

const smsTemplates = SMS_TEMPLATES['en-US'];
import { createChallenge, type CreateChallengeOptions } from '@/lib/otp/create-challenge';
import type { OtpPurpose } from '@/generated/prisma/enums';
import { uniqueIp } from './factories';

const utility = { shortName: 'Lakeside G&E', currency: 'USD', timeZone: 'America/Chicago' };

/** A clock the test moves by hand. */
export function controlClock(start = new Date('2026-11-27T15:00:00Z')) {
  let now = start.getTime();
  vi.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  return {
    advance: (ms: number) => {
      now += ms;
    },
    at: () => new Date(now),
  };
}

/** The code, read back the way the SMS worker would: unsealing the queued message. */
export async function codeFor(challengeId: string): Promise<string> {
  const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
  const text = message.sealedBody ? unsealText(message.sealedBody, message.id) : message.body!;
  return /#(\d{6})$/.exec(text)![1]!;
}

/** The text a test code goes out in, by purpose. */
export function messageFor(purpose: OtpPurpose): NonNullable<CreateChallengeOptions['message']> {
  return (code) =>
    purpose === 'SIGN_IN'
      ? { kind: 'OTP_SIGN_IN', text: smsTemplates.signInCode({ utility, code, host: 'pay.example.com' }) }
      : purpose === 'REGISTRATION'
        ? { kind: 'OTP_REGISTRATION', text: smsTemplates.registrationCode({ utility, code, host: 'pay.example.com' }) }
        : {
            kind: 'OTP_PAYMENT',
            text: smsTemplates.paymentCode({
              utility,
              code,
              amountCents: 5000,
              accountNumber: '4100012300',
              method: 'Visa x4242',
              host: 'pay.example.com',
            }),
          };
}

export function send(purpose: OtpPurpose, phoneE164: string, extra: Partial<CreateChallengeOptions> = {}) {
  return createChallenge({
    purpose,
    phoneE164,
    clientIp: extra.clientIp ?? uniqueIp(),
    message: messageFor(purpose),
    ...extra,
  });
}

/** A code guaranteed to be wrong. */
export function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

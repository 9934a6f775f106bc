import type { Tx } from '@/lib/db';
import type { OtpEventType, OtpPurpose } from '@/generated/prisma/enums';
import { maskPhone } from '@/lib/phone';

export async function recordOtpEvent(
  tx: Tx,
  event: {
    type: OtpEventType;
    purpose: OtpPurpose;
    phoneE164: string;
    clientIp: string | null;
    challengeId?: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.otpEvent.create({
    data: {
      type: event.type,
      purpose: event.purpose,
      phoneMasked: maskPhone(event.phoneE164),
      clientIp: event.clientIp,
      challengeId: event.challengeId ?? null,
      createdAt: event.at,
    },
  });
}

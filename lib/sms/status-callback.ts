import 'server-only';
import twilio from 'twilio';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import type { SmsStatus } from '@/generated/prisma/enums';

const TWILIO_STATUS: Record<string, SmsStatus> = {
  accepted: 'SENT',
  queued: 'SENT',
  sending: 'SENT',
  sent: 'SENT',
  delivered: 'DELIVERED',
  undelivered: 'UNDELIVERED',
  failed: 'FAILED',
};
// Callbacks can arrive out of order: never move a message back from a final state.
const RANK: Record<SmsStatus, number> = {
  QUEUED: 0,
  SENDING: 1,
  FAILED: 2,
  SENT: 3,
  DELIVERED: 4,
  UNDELIVERED: 4,
  DEAD: 5,
  SUPPRESSED: 5,
};

export type StatusCallbackResult = 'recorded' | 'ignored' | 'forbidden';

/**
 * Twilio's delivery-status callback. Refused unless X-Twilio-Signature is Twilio's HMAC of the
 * public URL and the parameters under our auth token.
 */
export async function recordTwilioStatus(options: {
  authToken: string;
  url: string;
  signature: string | null;
  params: Record<string, string>;
}): Promise<StatusCallbackResult> {
  if (!options.signature || !twilio.validateRequest(options.authToken, options.signature, options.url, options.params))
    return 'forbidden';
  const sid = options.params.MessageSid;
  const status = TWILIO_STATUS[options.params.MessageStatus ?? ''];
  if (!sid || !status) return 'ignored';
  const message = await db().smsMessage.findFirst({
    where: { providerMessageId: sid },
    select: { id: true, status: true },
  });
  if (!message || RANK[status] < RANK[message.status]) return 'ignored';
  const errorCode = options.params.ErrorCode;
  await db().smsMessage.update({
    where: { id: message.id },
    data: {
      status,
      ...(status === 'DELIVERED' ? { deliveredAt: clock.now() } : {}),
      ...(errorCode ? { lastError: `Carrier error ${errorCode}` } : {}),
    },
  });
  return 'recorded';
}

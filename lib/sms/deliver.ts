import 'server-only';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { configuredTransport, TransportError, type SmsTransport } from './transports';
import { unsealText } from './seal';
import { allowedWhenOptedOut } from './suppression';

export const POSSIBLE_DUPLICATE =
  'An earlier hand-off to the provider ended without an answer; this provider cannot deduplicate, so the customer may receive this text twice.';

export type DeliveryAttempt = { attempt: number; maxAttempts: number };
export type DeliveryResult = 'handed-off' | 'skipped' | 'retry' | 'dead';

/**
 * Hands one queued message to the transport. Runs as the `send_sms` job (graphile-worker makes sure
 * one worker at a time has a given job); the conditional claim below also keeps a stray second
 * caller off a message. A message is SENDING while it is with the provider: if the process dies
 * there, the retry knows the outcome is unknown. A provider that deduplicates (the HTTP gateway,
 * by Idempotency-Key) drops the repeat; one that cannot (Twilio) gets it, and the message says so.
 */
export async function deliverMessage(
  messageId: string,
  job: DeliveryAttempt,
  transport: SmsTransport = configuredTransport(),
): Promise<DeliveryResult> {
  const message = await db().smsMessage.findUnique({ where: { id: messageId } });
  if (!message || !['QUEUED', 'SENDING', 'FAILED'].includes(message.status)) return 'skipped';

  // STOP arrived after this was queued: it is not sent (a code in it is dropped with it).
  if (
    !allowedWhenOptedOut(message.kind) &&
    (await db().smsOptOut.count({ where: { phoneE164: message.toE164 } })) > 0
  ) {
    await db().smsMessage.updateMany({
      where: { id: messageId, status: message.status },
      data: {
        status: 'SUPPRESSED',
        lastError: 'The number replied STOP after this text was queued: not sent.',
        ...(message.sealedBody !== null ? { sealedBody: null, redacted: true } : {}),
      },
    });
    return 'skipped';
  }

  const uncertain = message.status === 'SENDING';
  const claimed = await db().smsMessage.updateMany({
    where: { id: messageId, status: message.status, attempts: message.attempts },
    data: {
      status: 'SENDING',
      attempts: { increment: 1 },
      transport: transport.name,
      ...(uncertain && !transport.deduplicates ? { lastError: POSSIBLE_DUPLICATE } : {}),
    },
  });
  if (claimed.count !== 1) return 'skipped';

  const carriesCode = message.sealedBody !== null;
  const text = message.sealedBody !== null ? unsealText(message.sealedBody, message.id) : message.body;
  if (text === null) {
    await db().smsMessage.update({
      where: { id: messageId },
      data: { status: 'DEAD', lastError: 'The message has no text left to send (redacted).' },
    });
    return 'dead';
  }

  try {
    const handOff = await transport.send({ id: message.id, to: message.toE164, text });
    const now = clock.now();
    await db().smsMessage.update({
      where: { id: messageId },
      data: {
        status: handOff.status,
        providerMessageId: handOff.providerMessageId,
        handedOffAt: now,
        deliveredAt: handOff.status === 'DELIVERED' ? now : null,
        // The code leaves our database once the provider has it; only the dev outbox keeps it.
        ...(carriesCode
          ? { sealedBody: null, body: transport.keepsText ? text : null, redacted: !transport.keepsText }
          : {}),
      },
    });
    return 'handed-off';
  } catch (error) {
    const permanent = error instanceof TransportError && error.permanent;
    const dead = permanent || job.attempt >= job.maxAttempts;
    const reason = error instanceof TransportError ? error.message : `Unexpected error: ${(error as Error).message}`;
    await db().smsMessage.update({
      where: { id: messageId },
      data: {
        status: dead ? 'DEAD' : 'FAILED',
        lastError: reason,
        ...(dead && carriesCode ? { sealedBody: null, redacted: true } : {}),
      },
    });
    if (dead) return 'dead';
    throw error;
  }
}

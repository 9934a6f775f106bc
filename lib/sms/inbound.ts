import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import { env } from '@/lib/env';
import { parseMobileNumber } from '@/lib/phone';
import { receiveInboundText } from './opt-out';

/** A signed delivery older than this is refused (a replayed capture). */
const MAX_AGE_SECONDS = 300;

export type InboundResult = Awaited<ReturnType<typeof receiveInboundText>> | 'forbidden' | 'invalid';

/** Twilio's incoming-message webhook: X-Twilio-Signature checked (HMAC-SHA1 of the public URL and the form). */
export async function receiveTwilioInbound(options: {
  authToken: string;
  url: string;
  signature: string | null;
  params: Record<string, string>;
}): Promise<InboundResult> {
  if (!options.signature || !twilio.validateRequest(options.authToken, options.signature, options.url, options.params))
    return 'forbidden';
  const from = options.params.From;
  if (!from || !/^\+\d{6,15}$/.test(from)) return 'invalid';
  return receiveInboundText({
    from,
    body: options.params.Body ?? '',
    transport: 'twilio',
    providerMessageId: options.params.MessageSid ?? null,
  });
}

/**
 * The HTTP gateway's incoming-message webhook: `{"id", "from", "text"}` as JSON, signed like our
 * own hand-offs to it (X-UtilityPay-Timestamp, X-UtilityPay-Signature: sha256=hex HMAC-SHA256 of
 * "<timestamp>.<body>" under SMS_HTTP_SECRET), at most 5 minutes old.
 */
export async function receiveHttpInbound(options: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: string;
  nowSeconds?: number;
}): Promise<InboundResult> {
  const { timestamp, signature } = options;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'forbidden';
  const age = (options.nowSeconds ?? Math.floor(Date.now() / 1000)) - Number(timestamp);
  if (Math.abs(age) > MAX_AGE_SECONDS) return 'forbidden';
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', options.secret).update(`${timestamp}.${options.body}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forbidden';
  let message: { id?: unknown; from?: unknown; text?: unknown };
  try {
    message = JSON.parse(options.body) as typeof message;
  } catch {
    return 'invalid';
  }
  if (typeof message.from !== 'string' || typeof message.text !== 'string') return 'invalid';
  const from = parseMobileNumber(message.from, env().DEFAULT_COUNTRY, { anyType: true });
  if (!from.ok) return 'invalid';
  return receiveInboundText({
    from: from.e164,
    body: message.text,
    transport: 'http',
    providerMessageId: typeof message.id === 'string' ? message.id.slice(0, 200) : null,
  });
}

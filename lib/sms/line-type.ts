import 'server-only';
import { db } from '@/lib/db';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { twilioClient } from './transports/twilio';

/** How long a lookup's answer is kept: numbers are ported between line types, rarely. */
const KEEP_MS = 30 * 24 * 3600_000;

/** Asks a provider what kind of line a number is: Twilio's line_type_intelligence type, and carrier. */
export type LineTypeLookup = (e164: string) => Promise<{ lineType: string; carrier: string | null }>;

/** Twilio Lookup v2 through the official library (TWILIO_API_BASE_URL points it at a fake in tests). */
export function twilioLineTypeLookup(): LineTypeLookup {
  const config = env();
  const client = twilioClient({
    accountSid: config.TWILIO_ACCOUNT_SID!,
    authToken: config.TWILIO_AUTH_TOKEN!,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
  });
  return async (e164) => {
    const answer = await client.lookups.v2.phoneNumbers(e164).fetch({ fields: 'line_type_intelligence' });
    const info = answer.lineTypeIntelligence;
    return { lineType: info?.type ?? 'unknown', carrier: info?.carrierName ?? null };
  };
}

/**
 * With SMS_LINE_TYPE_LOOKUP on, refuses a number whose line type the utility refuses
 * (SMS_REFUSED_LINE_TYPES: landlines, VoIP, toll-free, premium… by default) before a code is texted.
 * Answers are kept 30 days. A lookup that fails lets the number through (the other limits still
 * hold): an outage of the lookup must not stop customers paying.
 */
export async function checkLineType(
  e164: string,
  lookup: LineTypeLookup | null = env().SMS_LINE_TYPE_LOOKUP === 'twilio' ? twilioLineTypeLookup() : null,
): Promise<void> {
  if (!lookup) return;
  const now = clock.now();
  let known = await db().phoneLineType.findUnique({ where: { phoneE164: e164 } });
  if (!known || now.getTime() - known.checkedAt.getTime() > KEEP_MS) {
    const answer = await lookup(e164).catch(() => null);
    if (!answer) return;
    known = await db().phoneLineType.upsert({
      where: { phoneE164: e164 },
      create: { phoneE164: e164, ...answer, checkedAt: now },
      update: { ...answer, checkedAt: now },
    });
  }
  if (env().SMS_REFUSED_LINE_TYPES.includes(known.lineType))
    throw new AppError(
      'line_type_refused',
      'That number cannot get our texts (it is not a mobile phone line). Enter your mobile number.',
      'phone',
    );
}

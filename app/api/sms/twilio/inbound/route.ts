import { env } from '@/lib/env';
import { receiveTwilioInbound } from '@/lib/sms/inbound';
import { readTwilioWebhook } from '@/lib/sms/twilio-webhook';

/** Twilio's incoming-message webhook (STOP, START, HELP). Replies go out through our own queue. */
export async function POST(request: Request) {
  const config = env();
  if (config.SMS_TRANSPORT !== 'twilio' || !config.TWILIO_AUTH_TOKEN) return new Response(null, { status: 404 });
  const webhook = await readTwilioWebhook(request, config.PUBLIC_ORIGIN);
  if (!webhook) return new Response('Expected a form body', { status: 400 });
  const result = await receiveTwilioInbound({ authToken: config.TWILIO_AUTH_TOKEN, ...webhook });
  if (result === 'forbidden') return new Response(null, { status: 403 });
  if (result === 'invalid') return new Response('Not a message we can read', { status: 400 });
  // An empty TwiML answer: Twilio sends nothing itself.
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
    headers: { 'content-type': 'text/xml' },
  });
}

import { env } from '@/lib/env';
import { receiveTwilioInbound } from '@/lib/sms/inbound';

/** Twilio's incoming-message webhook (STOP, START, HELP). Replies go out through our own queue. */
export async function POST(request: Request) {
  const config = env();
  if (config.SMS_TRANSPORT !== 'twilio' || !config.TWILIO_AUTH_TOKEN) return new Response(null, { status: 404 });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response('Expected a form body', { status: 400 });
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') params[key] = value;
  // Twilio signs the URL it called: our public origin, not the address behind the load balancer.
  const url = new URL(new URL(request.url).pathname, config.PUBLIC_ORIGIN).toString();
  const result = await receiveTwilioInbound({
    authToken: config.TWILIO_AUTH_TOKEN,
    url,
    signature: request.headers.get('x-twilio-signature'),
    params,
  });
  if (result === 'forbidden') return new Response(null, { status: 403 });
  if (result === 'invalid') return new Response('Not a message we can read', { status: 400 });
  // An empty TwiML answer: Twilio sends nothing itself.
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
    headers: { 'content-type': 'text/xml' },
  });
}

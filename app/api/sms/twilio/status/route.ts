import { env } from '@/lib/env';
import { recordTwilioStatus } from '@/lib/sms/status-callback';

export async function POST(request: Request) {
  const config = env();
  if (config.SMS_TRANSPORT !== 'twilio' || !config.TWILIO_AUTH_TOKEN) return new Response(null, { status: 404 });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response('Expected a form body', { status: 400 });
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') params[key] = value;
  // Twilio signs the URL it called: our public origin, not the address behind the load balancer.
  const url = new URL(new URL(request.url).pathname, config.PUBLIC_ORIGIN).toString();
  const result = await recordTwilioStatus({
    authToken: config.TWILIO_AUTH_TOKEN,
    url,
    signature: request.headers.get('x-twilio-signature'),
    params,
  });
  return new Response(null, { status: result === 'forbidden' ? 403 : 204 });
}

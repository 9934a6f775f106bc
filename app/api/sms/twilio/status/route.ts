import { env } from '@/lib/env';
import { recordTwilioStatus } from '@/lib/sms/status-callback';
import { readTwilioWebhook } from '@/lib/sms/twilio-webhook';

export async function POST(request: Request) {
  const config = env();
  if (config.SMS_TRANSPORT !== 'twilio' || !config.TWILIO_AUTH_TOKEN) return new Response(null, { status: 404 });
  const webhook = await readTwilioWebhook(request, config.PUBLIC_ORIGIN);
  if (!webhook) return new Response('Expected a form body', { status: 400 });
  const result = await recordTwilioStatus({ authToken: config.TWILIO_AUTH_TOKEN, ...webhook });
  return new Response(null, { status: result === 'forbidden' ? 403 : 204 });
}

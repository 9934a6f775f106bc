import 'server-only';
import { env } from '@/lib/env';
import { httpTransport } from './http';
import { outboxTransport } from './outbox';
import { twilioTransport } from './twilio';
import type { SmsTransport } from './types';

export type { SmsTransport, OutgoingSms, HandOff } from './types';
export { TransportError } from './types';

let configured: SmsTransport | undefined;

/** The transport SMS_TRANSPORT names (lib/env refuses the outbox in production). */
export function configuredTransport(): SmsTransport {
  if (configured) return configured;
  const e = env();
  switch (e.SMS_TRANSPORT) {
    case 'outbox':
      configured = outboxTransport;
      break;
    case 'twilio':
      configured = twilioTransport({
        accountSid: e.TWILIO_ACCOUNT_SID!,
        authToken: e.TWILIO_AUTH_TOKEN!,
        messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
        from: e.TWILIO_FROM_NUMBER,
        statusCallbackUrl: new URL('/api/sms/twilio/status', e.PUBLIC_ORIGIN).toString(),
        apiBaseUrl: e.TWILIO_API_BASE_URL,
      });
      break;
    case 'http':
      configured = httpTransport({ url: e.SMS_HTTP_URL!, secret: e.SMS_HTTP_SECRET! });
      break;
  }
  return configured;
}

/** Tests only: pick the transport again after changing the environment. */
export function resetTransportForTests(): void {
  configured = undefined;
}

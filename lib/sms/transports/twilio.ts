import twilio from 'twilio';
import { TransportError, type SmsTransport } from './types';

export type TwilioOptions = {
  accountSid: string;
  authToken: string;
  messagingServiceSid?: string;
  from?: string;
  /** Where Twilio reports delivery status (our /api/sms/twilio/status route). */
  statusCallbackUrl?: string;
  /** Tests only: send every Twilio API request to this origin (a local fake) instead. */
  apiBaseUrl?: string;
};

type RequestOptions<TData> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData };

/** Sends each request to `baseUrl` instead of Twilio's hosts (tests against a local fake). */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 10_000 });
  }
  override request<TData>(opts: RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+/, this.baseUrl) });
  }
}

/** Twilio's official client, pointed at a local fake when `apiBaseUrl` is set (every Twilio host: messaging, lookups). */
export function twilioClient(options: { accountSid: string; authToken: string; apiBaseUrl?: string }) {
  return twilio(options.accountSid, options.authToken, {
    httpClient: options.apiBaseUrl ? new RedirectingRequestClient(options.apiBaseUrl.replace(/\/$/, '')) : undefined,
    timeout: 10_000,
  });
}

/**
 * Twilio's Programmable Messaging through its official library. Twilio has no idempotency key for
 * creating messages: a crash between its answer and our status update can send a message twice.
 * The delivery step marks such a retry as a possible duplicate (see lib/sms/deliver.ts).
 */
export function twilioTransport(options: TwilioOptions): SmsTransport {
  const client = twilioClient(options);
  return {
    name: 'twilio',
    keepsText: false,
    deduplicates: false,
    async send(message) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.text,
          ...(options.messagingServiceSid
            ? { messagingServiceSid: options.messagingServiceSid }
            : { from: options.from! }),
          ...(options.statusCallbackUrl ? { statusCallback: options.statusCallbackUrl } : {}),
        });
        return { providerMessageId: sent.sid, status: 'SENT' };
      } catch (error) {
        const status = (error as { status?: number }).status;
        // 4xx other than 429 (bad number, unsubscribed) will not get better by retrying.
        throw new TransportError(
          `Twilio refused the message: ${(error as Error).message}`,
          status !== undefined && status >= 400 && status < 500 && status !== 429,
        );
      }
    },
  };
}

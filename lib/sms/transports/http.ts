import { createHmac } from 'node:crypto';
import { TransportError, type SmsTransport } from './types';

/**
 * A utility's own gateway: POST {id, to, text} as JSON, signed with HMAC-SHA256 over
 * "<timestamp>.<body>" under the shared secret (headers X-UtilityPay-Timestamp and
 * X-UtilityPay-Signature: sha256=<hex>). Idempotency-Key is the message id: a gateway that honours
 * it drops a repeated hand-off. Expects a 2xx with optional JSON {"id": "<gateway message id>"}.
 */
export function httpTransport(options: {
  url: string;
  secret: string;
  timeoutMs?: number;
  now?: () => number;
}): SmsTransport {
  return {
    name: 'http',
    keepsText: false,
    deduplicates: true,
    async send(message) {
      const body = JSON.stringify({ id: message.id, to: message.to, text: message.text });
      const timestamp = String(Math.floor((options.now?.() ?? Date.now()) / 1000));
      const signature = createHmac('sha256', options.secret).update(`${timestamp}.${body}`).digest('hex');
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.id,
            'x-utilitypay-timestamp': timestamp,
            'x-utilitypay-signature': `sha256=${signature}`,
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new TransportError(`SMS gateway unreachable: ${(error as Error).message}`);
      }
      if (!response.ok) {
        throw new TransportError(
          `SMS gateway answered ${response.status}`,
          response.status >= 400 && response.status < 500 && response.status !== 429,
        );
      }
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { providerMessageId: typeof answer.id === 'string' ? answer.id : null, status: 'SENT' };
    },
  };
}

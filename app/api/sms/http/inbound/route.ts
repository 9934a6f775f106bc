import { env } from '@/lib/env';
import { receiveHttpInbound } from '@/lib/sms/inbound';

/** The HTTP gateway's incoming-message webhook (docs/SMS.md): signed JSON, STOP/START/HELP handled. */
export async function POST(request: Request) {
  const config = env();
  if (config.SMS_TRANSPORT !== 'http' || !config.SMS_HTTP_SECRET) return new Response(null, { status: 404 });
  const result = await receiveHttpInbound({
    secret: config.SMS_HTTP_SECRET,
    timestamp: request.headers.get('x-utilitypay-timestamp'),
    signature: request.headers.get('x-utilitypay-signature'),
    body: await request.text(),
  });
  if (result === 'forbidden') return new Response(null, { status: 403 });
  if (result === 'invalid') return new Response('Not a message we can read', { status: 400 });
  return Response.json({ received: true, result });
}

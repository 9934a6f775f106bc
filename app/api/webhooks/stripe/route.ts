import { env } from '@/lib/env';
import { receiveStripeWebhook } from '@/lib/payments/stripe-webhook';

/** Stripe's webhook endpoint (docs/PAYMENTS.md): signed events about payments, each applied once. */
export async function POST(request: Request) {
  if (env().PAYMENT_PROCESSOR !== 'stripe') return new Response(null, { status: 404 });
  const result = await receiveStripeWebhook(await request.text(), request.headers.get('stripe-signature'));
  if (result === 'forbidden') return new Response('Bad signature', { status: 400 });
  return Response.json({ received: true, result });
}

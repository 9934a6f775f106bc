import 'server-only';
import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { paymentProcessor, type PaymentProcessor } from '@/lib/processor';
import { stripeClient, stripeWebhookEvent } from '@/lib/processor/stripe';
import { receiveProcessorEvent } from './processor-events';

export type StripeWebhookResult = 'forbidden' | 'ignored' | 'applied' | 'duplicate' | 'unknown_payment';

/**
 * A delivery to the Stripe webhook endpoint: its signature checked with STRIPE_WEBHOOK_SECRET (a
 * forged or replayed-after-5-minutes one is 'forbidden'), then applied once (lib/payments/processor-events.ts).
 */
export async function receiveStripeWebhook(
  payload: string,
  signature: string | null,
  options: { processor?: PaymentProcessor; client?: Stripe; secret?: string } = {},
): Promise<StripeWebhookResult> {
  const secret = options.secret ?? env().STRIPE_WEBHOOK_SECRET;
  if (!secret || !signature) return 'forbidden';
  let event: ReturnType<typeof stripeWebhookEvent>;
  try {
    event = stripeWebhookEvent(payload, signature, secret, options.client ?? stripeClient());
  } catch {
    return 'forbidden';
  }
  if (!event) return 'ignored';
  return receiveProcessorEvent(event, options.processor ?? paymentProcessor());
}

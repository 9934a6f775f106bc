import 'server-only';
import { env } from '@/lib/env';
import { sandboxProcessor } from './sandbox';
import { stripeProcessor } from './stripe';
import type { PaymentProcessor } from './types';

export type { ChargeRequest, ChargeState, MethodDetails, PaymentProcessor } from './types';
export { ProcessorError } from './types';

let stripe: PaymentProcessor | undefined;

/** The processor PAYMENT_PROCESSOR names: the sandbox by default, Stripe in production. */
export function paymentProcessor(): PaymentProcessor {
  if (env().PAYMENT_PROCESSOR === 'sandbox') return sandboxProcessor;
  return (stripe ??= stripeProcessor());
}

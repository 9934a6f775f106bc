import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';
import { translate, type MessageKey } from '@/lib/i18n/translate';
import { ProcessorError, type ChargeState, type MethodDetails, type PaymentProcessor } from './types';

/** What the customer reads when a decline comes without a message we can show (stored in English; pages translate). */
const DECLINED = translate({ key: 'decline.generic' });

/** Stripe's decline codes a customer can act on, to the catalogue's messages; the rest read as DECLINED. */
const DECLINE_MESSAGES: Record<string, MessageKey> = {
  insufficient_funds: 'decline.insufficient_funds',
  expired_card: 'decline.expired_card',
  incorrect_cvc: 'decline.incorrect_cvc',
  authentication_required: 'decline.authentication_required',
  account_closed: 'decline.account_closed',
  no_account: 'decline.no_account',
  payment_intent_authentication_failure: 'decline.authentication_failed',
};

function declineMessage(...codes: Array<string | null | undefined>): string {
  for (const code of codes) if (code && DECLINE_MESSAGES[code]) return translate({ key: DECLINE_MESSAGES[code] });
  return DECLINED;
}

/**
 * The Stripe SDK as configured: the secret key from the environment, Stripe's API unless
 * STRIPE_API_BASE_URL points it at a local fake (tests), a bounded timeout, and the SDK's own
 * retries of network failures (safe: every write carries an idempotency key).
 */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE_URL, PROCESSOR_TIMEOUT_MS } = env();
  if (!STRIPE_SECRET_KEY) throw new Error('STRIPE_SECRET_KEY is not set');
  const base = STRIPE_API_BASE_URL ? new URL(STRIPE_API_BASE_URL) : null;
  return new Stripe(STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: PROCESSOR_TIMEOUT_MS,
    appInfo: { name: 'UtilityPay' },
    ...(base
      ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(':', '') as 'http' | 'https' }
      : {}),
  });
}

/** A PaymentIntent as the app's charge state. */
export function chargeStateOf(intent: Stripe.PaymentIntent): ChargeState {
  const reference = intent.id;
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  switch (intent.status) {
    case 'succeeded':
      // A bank debit disputed after it settled is an ACH return: the money went back to the customer.
      if (charge?.disputed && intent.payment_method_types.includes('us_bank_account'))
        return { status: 'returned', reference, code: 'disputed', message: 'Your bank returned the debit.' };
      return { status: 'succeeded', reference };
    case 'processing':
    case 'requires_capture':
    case 'requires_confirmation':
      return { status: 'processing', reference };
    case 'requires_action': {
      const url = intent.next_action?.redirect_to_url?.url;
      if (url) return { status: 'requires_action', reference, actionUrl: url };
      return { status: 'failed', reference, code: 'unsupported_action', message: DECLINED };
    }
    case 'canceled':
      return {
        status: 'failed',
        reference,
        code: 'canceled',
        message: 'The payment was stopped before anything was charged. You can pay again.',
      };
    default: {
      const error = intent.last_payment_error;
      const code = error?.code ?? 'card_declined';
      return { status: 'failed', reference, code, message: declineMessage(error?.decline_code, code) };
    }
  }
}

function methodDetails(method: Stripe.PaymentMethod): MethodDetails {
  if (method.type === 'card' && method.card) {
    const brand = method.card.display_brand ?? method.card.brand;
    return {
      token: method.id,
      type: 'CARD',
      brand:
        BRAND_NAMES[brand] ?? brand.replace(/(^|_)(\w)/g, (_, s, c: string) => `${s ? ' ' : ''}${c.toUpperCase()}`),
      last4: method.card.last4,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
    };
  }
  if (method.type === 'us_bank_account' && method.us_bank_account) {
    return {
      token: method.id,
      type: 'US_BANK_ACCOUNT',
      brand: method.us_bank_account.bank_name ?? 'Bank account',
      last4: method.us_bank_account.last4 ?? '0000',
      expMonth: null,
      expYear: null,
    };
  }
  throw new ProcessorError('unsupported_method', 'Pay with a card or a US bank account.');
}

const BRAND_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** Stripe's errors as the app's: a card error is a decline; anything else is thrown on. */
function refusal(error: unknown): ProcessorError | null {
  if (error instanceof Stripe.errors.StripeCardError) {
    const code = error.code ?? 'card_declined';
    return new ProcessorError(code, declineMessage(error.decline_code, code));
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
    return new ProcessorError('resource_missing', 'That payment method is no longer available. Add it again.');
  return null;
}

/** Stripe behind the processor interface: Customers, saved PaymentMethods, PaymentIntents confirmed on the server. */
export function stripeProcessor(client: Stripe = stripeClient()): PaymentProcessor {
  return {
    name: 'stripe',

    async ensureCustomer({ id, name, existing }) {
      if (existing) return existing;
      const customer = await client.customers.create(
        { name, metadata: { customerId: id } },
        { idempotencyKey: `customer-${id}` },
      );
      return customer.id;
    },

    async describeMethod(token, processorCustomerId) {
      try {
        const method = await client.paymentMethods.retrieve(token);
        const owner = typeof method.customer === 'string' ? method.customer : method.customer?.id;
        // A method id from someone else's session must not become this customer's.
        if (!owner || owner !== processorCustomerId)
          throw new ProcessorError('resource_missing', 'That payment method is not yours. Add it again.');
        return methodDetails(method);
      } catch (error) {
        throw refusal(error) ?? error;
      }
    },

    async detachMethod(token) {
      try {
        await client.paymentMethods.detach(token);
      } catch (error) {
        // Already detached (or never attached): the method is gone either way.
        if (refusal(error)?.code !== 'resource_missing') throw error;
      }
    },

    async charge(request) {
      try {
        const intent = await client.paymentIntents.create(
          {
            amount: request.amountCents,
            currency: request.currency.toLowerCase(),
            customer: request.processorCustomerId ?? undefined,
            payment_method: request.method.token,
            allowed_payment_method_types: [request.method.type === 'CARD' ? 'card' : 'us_bank_account'],
            confirm: true,
            // 3-D Secure answers with a page to send the customer to, and back to return_url.
            use_stripe_sdk: false,
            return_url: request.returnUrl,
            description: request.description,
            metadata: { paymentId: request.paymentId },
            expand: ['latest_charge'],
          },
          { idempotencyKey: `payment-${request.paymentId}` },
        );
        return chargeStateOf(intent);
      } catch (error) {
        // A decline is an answer, not a fault: the PaymentIntent it left says what happened.
        if (error instanceof Stripe.errors.StripeCardError) {
          const intent = (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent;
          const code = error.code ?? 'card_declined';
          return {
            status: 'failed',
            reference: intent?.id ?? null,
            code,
            message: declineMessage(error.decline_code, code),
          };
        }
        throw error;
      }
    },

    async retrieve(reference) {
      return chargeStateOf(await client.paymentIntents.retrieve(reference, { expand: ['latest_charge'] }));
    },

    async refund({ reference, amountCents, refundKey }) {
      try {
        const refund = await client.refunds.create(
          { payment_intent: reference, amount: amountCents, metadata: { refundId: refundKey } },
          { idempotencyKey: `refund-${refundKey}` },
        );
        if (refund.status === 'failed' || refund.status === 'canceled')
          throw new ProcessorError('refund_failed', 'Stripe could not refund this payment.');
        return { reference: refund.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError)
          throw new ProcessorError(error.code ?? 'refund_refused', `Stripe refused the refund: ${error.message}`);
        throw error;
      }
    },

    async cancel(reference) {
      try {
        await client.paymentIntents.cancel(reference, {}, { idempotencyKey: `cancel-${reference}` });
      } catch (error) {
        // Not cancelable any more (it succeeded or failed meanwhile): its state says which.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      }
      return this.retrieve(reference);
    },
  };
}

/** The webhook events UtilityPay applies; any other type is acknowledged and ignored. */
export const STRIPE_EVENT_TYPES = [
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'payment_intent.canceled',
  'charge.refunded',
  'charge.dispute.created',
] as const;

/**
 * A webhook delivery, checked against its Stripe-Signature header (a wrong or stale signature
 * throws), as the app's processor event: which PaymentIntent it is about, and our payment id from
 * its metadata. Null for an event type the app does not apply.
 */
export function stripeWebhookEvent(
  payload: string,
  signature: string,
  secret: string,
  client: Stripe = stripeClient(),
): { id: string; type: string; reference: string | null; paymentId: string | null; occurredAt: Date } | null {
  const event = client.webhooks.constructEvent(payload, signature, secret);
  if (!(STRIPE_EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  const object = event.data.object as {
    object: string;
    id: string;
    payment_intent?: unknown;
    metadata?: Record<string, string>;
  };
  const reference =
    object.object === 'payment_intent'
      ? object.id
      : typeof object.payment_intent === 'string'
        ? object.payment_intent
        : ((object.payment_intent as { id?: string } | null)?.id ?? null);
  return {
    id: event.id,
    type: event.type,
    reference,
    paymentId: object.object === 'payment_intent' ? (object.metadata?.paymentId ?? null) : null,
    occurredAt: new Date(event.created * 1000),
  };
}

/**
 * A SetupIntent for the browser's Payment Element: the customer adds a card or bank account at
 * Stripe (card data never reaches this server), and Stripe saves it to their Customer.
 */
export async function createSetupIntent(processorCustomerId: string, client: Stripe = stripeClient()) {
  const intent = await client.setupIntents.create({
    customer: processorCustomerId,
    allowed_payment_method_types: ['card', 'us_bank_account'],
    usage: 'on_session',
  });
  return { clientSecret: intent.client_secret! };
}

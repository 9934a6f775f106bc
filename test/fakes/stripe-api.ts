import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import objects from './stripe/objects.json';

/**
 * A local stand-in for the parts of Stripe's API UtilityPay calls, driven through the real `stripe`
 * SDK (its host, port and protocol settings). Answers have Stripe's real shapes (its published
 * example objects, ./stripe/objects.json); behaviour follows Stripe's test mode: the card's last four
 * decide the outcome (4242 succeeds, 0002 is declined, 3184 asks for 3-D Secure), a bank account's
 * PaymentIntent stays processing until the test settles, fails or disputes it. Writes with an
 * Idempotency-Key answer a repeat with the first answer, as Stripe does.
 */
type Obj = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

/** Stripe's form encoding (a[b]=1&c[0]=x) back to objects. */
function parseForm(body: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = out as Record<string, unknown>;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const listOf = (value: unknown): string[] =>
  (value && typeof value === 'object' ? Object.values(value) : []) as string[];

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

export async function startFakeStripe(options: { secretKey?: string } = {}) {
  const secretKey = options.secretKey ?? 'sk_test_fake';
  let seq = 0;
  const id = (prefix: string) => `${prefix}_fake${String(++seq).padStart(14, '0')}`;
  const customers = new Map<string, Obj>();
  const methods = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const calls: Array<{ method: string; path: string; idempotencyKey?: string }> = [];
  const behaviour = { hang: false };

  function chargeFor(intent: Obj, status: 'succeeded' | 'pending' | 'failed'): Obj {
    const charge = clone(objects.charge) as Obj;
    Object.assign(charge, {
      id: id('ch'),
      amount: intent.amount,
      currency: intent.currency,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      status,
      paid: status === 'succeeded',
      captured: status === 'succeeded',
      disputed: false,
      refunded: false,
      amount_refunded: 0,
      created: Math.floor(Date.now() / 1000),
    });
    charges.set(charge.id as string, charge);
    return charge;
  }

  function expandIntent(intent: Obj, expand: string[]): Obj {
    const out = clone(intent);
    if (expand.includes('latest_charge') && typeof out.latest_charge === 'string')
      out.latest_charge = clone(charges.get(out.latest_charge as string)!);
    return out;
  }

  function error(status: number, type: string, message: string, extra: Obj = {}) {
    return { status, body: { error: { type, message, ...extra } } };
  }

  function createIntent(params: Obj): { status: number; body: Obj } {
    const method = methods.get(params.payment_method as string);
    if (!method) return error(400, 'invalid_request_error', 'No such PaymentMethod', { code: 'resource_missing' });
    const intent = clone(objects.payment_intent) as Obj;
    Object.assign(intent, {
      id: id('pi'),
      amount: Number(params.amount),
      amount_received: 0,
      currency: params.currency,
      customer: params.customer ?? null,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      payment_method: method.id,
      payment_method_types: [method.type],
      allowed_payment_method_types: listOf(params.allowed_payment_method_types),
      automatic_payment_methods: null,
      canceled_at: null,
      last_payment_error: null,
      latest_charge: null,
      next_action: null,
      processing: null,
      transfer_data: null,
      client_secret: `${id('pi')}_secret_fake`,
      created: Math.floor(Date.now() / 1000),
    });
    intents.set(intent.id as string, intent);
    const expand = listOf(params.expand);
    if (method.type === 'us_bank_account') {
      intent.status = 'processing';
      intent.latest_charge = chargeFor(intent, 'pending').id;
      return { status: 200, body: expandIntent(intent, expand) };
    }
    const last4 = (method.card as Obj).last4;
    if (last4 === '3184') {
      intent.status = 'requires_action';
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: `https://hooks.stripe.com/3d_secure_2/fake/${intent.id}`,
          return_url: params.return_url,
        },
      };
      return { status: 200, body: expandIntent(intent, expand) };
    }
    if (last4 === '0002') {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      };
      intent.latest_charge = chargeFor(intent, 'failed').id;
      return error(402, 'card_error', 'Your card was declined.', {
        code: 'card_declined',
        decline_code: 'generic_decline',
        payment_intent: expandIntent(intent, []),
      });
    }
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = chargeFor(intent, 'succeeded').id;
    return { status: 200, body: expandIntent(intent, expand) };
  }

  function route(method: string, path: string, params: Obj, query: URLSearchParams): { status: number; body: Obj } {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = clone(objects.customer) as Obj;
      Object.assign(customer, { id: id('cus'), name: params.name ?? null, metadata: params.metadata ?? {} });
      customers.set(customer.id as string, customer);
      return { status: 200, body: customer };
    }
    if (method === 'POST' && path === '/v1/setup_intents') {
      const intent = clone(objects.setup_intent) as Obj;
      const sid = id('seti');
      Object.assign(intent, {
        id: sid,
        client_secret: `${sid}_secret_fake`,
        customer: params.customer ?? null,
        usage: params.usage ?? 'off_session',
      });
      return { status: 200, body: intent };
    }
    if ((m = /^\/v1\/payment_methods\/([^/]+)$/.exec(path)) && method === 'GET') {
      const found = methods.get(m[1]!);
      return found
        ? { status: 200, body: clone(found) }
        : error(404, 'invalid_request_error', `No such PaymentMethod: '${m[1]}'`, { code: 'resource_missing' });
    }
    if ((m = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path)) && method === 'POST') {
      const found = methods.get(m[1]!);
      if (!found)
        return error(404, 'invalid_request_error', `No such PaymentMethod: '${m[1]}'`, { code: 'resource_missing' });
      found.customer = null;
      return { status: 200, body: clone(found) };
    }
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(params.payment_intent as string);
      if (!intent) return error(404, 'invalid_request_error', 'No such payment_intent', { code: 'resource_missing' });
      const charge = charges.get(intent.latest_charge as string);
      if (intent.status !== 'succeeded' || !charge)
        return error(400, 'invalid_request_error', 'This PaymentIntent does not have a successful charge to refund.', {
          code: 'charge_not_refundable',
        });
      const amount = Number(params.amount ?? intent.amount);
      if ((charge.amount_refunded as number) + amount > (charge.amount as number))
        return error(
          400,
          'invalid_request_error',
          `Refund amount ($${amount / 100}) is greater than unrefunded amount on charge.`,
          {
            code: 'amount_too_large',
          },
        );
      charge.amount_refunded = (charge.amount_refunded as number) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const refund = clone(objects.refund) as Obj;
      Object.assign(refund, {
        id: id('re'),
        amount,
        charge: charge.id,
        payment_intent: intent.id,
        currency: intent.currency,
        metadata: params.metadata ?? {},
        status: 'succeeded',
        created: Math.floor(Date.now() / 1000),
      });
      return { status: 200, body: refund };
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === 'GET') {
      const intent = intents.get(m[1]!);
      return intent
        ? { status: 200, body: expandIntent(intent, query.getAll('expand[]').concat(query.getAll('expand[0]'))) }
        : error(404, 'invalid_request_error', `No such payment_intent: '${m[1]}'`, { code: 'resource_missing' });
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path)) && method === 'POST') {
      const intent = intents.get(m[1]!);
      if (!intent) return error(404, 'invalid_request_error', 'No such payment_intent', { code: 'resource_missing' });
      if (!['requires_action', 'requires_payment_method', 'requires_confirmation'].includes(intent.status as string))
        return error(
          400,
          'invalid_request_error',
          `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
          {
            code: 'payment_intent_unexpected_state',
          },
        );
      Object.assign(intent, { status: 'canceled', canceled_at: Math.floor(Date.now() / 1000), next_action: null });
      return { status: 200, body: clone(intent) };
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path})`);
  }

  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = req.headers['idempotency-key'] as string | undefined;
    calls.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key });
    if (behaviour.hang) return; // never answers: the client's timeout decides
    const send = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') }).end(body);
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
      return;
    }
    const cacheKey = key ? `${req.method} ${url.pathname} ${key}` : null;
    const cached = cacheKey ? idempotent.get(cacheKey) : undefined;
    if (cached) {
      res.setHeader('idempotent-replayed', 'true');
      send(cached.status, cached.body);
      return;
    }
    const answer = route(req.method ?? 'GET', url.pathname, parseForm(raw), url.searchParams);
    const body = JSON.stringify(answer.body);
    if (cacheKey && req.method === 'POST') idempotent.set(cacheKey, { status: answer.status, body });
    send(answer.status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const intentOf = (piId: string) => {
    const intent = intents.get(piId);
    if (!intent) throw new Error(`The fake has no ${piId}`);
    return intent;
  };

  return {
    url,
    secretKey,
    /** The real Stripe SDK, pointed at this fake (its host, port and protocol settings). */
    client: (options: { timeout?: number; maxNetworkRetries?: number } = {}) =>
      new Stripe(secretKey, {
        host: '127.0.0.1',
        port: new URL(url).port,
        protocol: 'http',
        maxNetworkRetries: 0,
        ...options,
      }),
    calls,
    behaviour,
    intents,
    /** A PaymentMethod as the Payment Element would have saved it to `customer`. */
    addCard(customer: string | null, last4 = '4242', brand = 'visa'): string {
      const method = clone(objects.payment_method) as Obj;
      Object.assign(method, {
        id: id('pm'),
        customer,
        type: 'card',
        card: {
          ...(clone(objects.payment_method.card) as Obj),
          brand,
          display_brand: brand,
          last4,
          exp_month: 12,
          exp_year: 2034,
        },
      });
      methods.set(method.id as string, method);
      return method.id as string;
    },
    addBankAccount(customer: string | null, last4 = '6789'): string {
      const method = clone(objects.payment_method) as Obj;
      delete method.card;
      Object.assign(method, {
        id: id('pm'),
        customer,
        type: 'us_bank_account',
        us_bank_account: {
          account_holder_type: 'individual',
          account_type: 'checking',
          bank_name: 'STRIPE TEST BANK',
          last4,
          routing_number: '110000000',
        },
      });
      methods.set(method.id as string, method);
      return method.id as string;
    },
    /** A bank debit clears (or fails); then the webhook would be sent. */
    settle(piId: string, outcome: 'succeeded' | 'failed' = 'succeeded') {
      const intent = intentOf(piId);
      const charge = charges.get(intent.latest_charge as string)!;
      if (outcome === 'succeeded') {
        Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
        Object.assign(charge, { status: 'succeeded', paid: true, captured: true });
      } else {
        Object.assign(intent, {
          status: 'requires_payment_method',
          last_payment_error: {
            type: 'invalid_request_error',
            code: 'account_closed',
            message: 'The bank account has been closed.',
          },
        });
        Object.assign(charge, { status: 'failed', failure_code: 'account_closed' });
      }
    },
    /** The customer's bank takes the money back (an ACH return, a card chargeback). */
    dispute(piId: string) {
      charges.get(intentOf(piId).latest_charge as string)!.disputed = true;
    },
    /** The customer finished (or failed) the 3-D Secure page. */
    finishAction(piId: string, ok: boolean) {
      const intent = intentOf(piId);
      if (ok) {
        Object.assign(intent, {
          status: 'succeeded',
          next_action: null,
          amount_received: intent.amount,
          latest_charge: chargeFor(intent, 'succeeded').id,
        });
      } else {
        Object.assign(intent, {
          status: 'requires_payment_method',
          next_action: null,
          last_payment_error: {
            type: 'card_error',
            code: 'payment_intent_authentication_failure',
            message: 'Authentication failed.',
          },
        });
      }
    },
    /** A webhook delivery for an event about `piId`, signed as Stripe signs it. */
    webhook(type: string, piId: string, webhookSecret: string) {
      const intent = intentOf(piId);
      const isCharge = type.startsWith('charge.');
      const event = clone(objects.event) as Obj;
      Object.assign(event, {
        id: id('evt'),
        type,
        created: Math.floor(Date.now() / 1000),
        data: { object: isCharge ? clone(charges.get(intent.latest_charge as string)!) : clone(intent) },
      });
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      return { payload, signature, eventId: event.id as string };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

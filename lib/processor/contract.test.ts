// One contract, two processors: the sandbox (its own ledger) and Stripe through the real `stripe`
// SDK against the local fake of Stripe's API (test/fakes/stripe-api.ts). Whatever is true of one
// is true of the other, so the sandbox's journey in the browser is the Stripe journey.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '@/test/fakes/stripe-api';
import { TEST_CARD_EXPIRY } from '@/test/factories';
import { sandboxProcessor, sandboxSettle, sandboxTokenizeBankAccount, sandboxTokenizeCard } from './sandbox';
import { stripeProcessor } from './stripe';
import type { ChargeRequest, PaymentProcessor } from './types';
import Stripe from 'stripe';

type Harness = {
  processor: PaymentProcessor;
  customer: () => Promise<string>;
  /** A method token: an approving, declined or 3-D Secure card, or a bank account. */
  method: (customer: string, kind: 'approve' | 'decline' | 'action' | 'bank') => Promise<string>;
  settle: (reference: string) => Promise<void>;
  returnDebit: (reference: string) => Promise<void>;
};

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(() => fake.close());

const CARDS = { approve: '4242424242424242', decline: '4000000000000002', action: '4000002760003184' } as const;

const harnesses: Record<string, () => Harness> = {
  sandbox: () => ({
    processor: sandboxProcessor,
    customer: () => sandboxProcessor.ensureCustomer({ id: randomUUID(), name: 'Contract', existing: null }),
    method: async (customer, kind) =>
      kind === 'bank'
        ? sandboxTokenizeBankAccount({ routingNumber: '110000000', accountNumber: '000222222227' }, customer).token
        : sandboxTokenizeCard({ number: CARDS[kind], expiry: TEST_CARD_EXPIRY, cvc: '123' }, customer).token,
    settle: async (reference) => void (await sandboxSettle(reference)),
    returnDebit: async (reference) => void (await sandboxSettle(reference)),
  }),
  'stripe (SDK against the fake API)': () => {
    const processor = stripeProcessor(fake.client());
    return {
      processor,
      customer: () => processor.ensureCustomer({ id: randomUUID(), name: 'Contract', existing: null }),
      method: async (customer, kind) =>
        kind === 'bank' ? fake.addBankAccount(customer, '2227') : fake.addCard(customer, CARDS[kind].slice(-4)),
      settle: async (reference) => fake.settle(reference),
      returnDebit: async (reference) => fake.dispute(reference),
    };
  },
};

describe.each(Object.keys(harnesses))('the %s processor', (name) => {
  const h = () => harnesses[name]!();
  const request = (
    paymentId: string,
    token: string,
    customer: string,
    type: 'CARD' | 'US_BANK_ACCOUNT' = 'CARD',
  ): ChargeRequest => ({
    paymentId,
    amountCents: 1_007,
    currency: 'USD',
    method: { token, type },
    processorCustomerId: customer,
    returnUrl: 'http://localhost:3000/payments/x',
    description: 'Riverside W&P bill payment TEST-0001',
  });

  it('keeps its customer, and describes a saved method by brand and last four', async () => {
    const { processor, customer, method } = h();
    const id = await customer();
    await expect(processor.ensureCustomer({ id: randomUUID(), name: 'x', existing: id })).resolves.toBe(id);
    const token = await method(id, 'approve');
    await expect(processor.describeMethod(token, id)).resolves.toMatchObject({
      token,
      type: 'CARD',
      brand: 'Visa',
      last4: '4242',
    });
    const bank = await method(id, 'bank');
    await expect(processor.describeMethod(bank, id)).resolves.toMatchObject({
      type: 'US_BANK_ACCOUNT',
      last4: '2227',
      expMonth: null,
    });
    await expect(processor.detachMethod(token)).resolves.toBeUndefined();
  });

  it('charges a payment once, however often it is asked', async () => {
    const { processor, customer, method } = h();
    const id = await customer();
    const token = await method(id, 'approve');
    const paymentId = randomUUID();
    const first = await processor.charge(request(paymentId, token, id));
    expect(first).toMatchObject({ status: 'succeeded', reference: expect.any(String) });
    const again = await Promise.all([
      processor.charge(request(paymentId, token, id)),
      processor.charge(request(paymentId, token, id)),
    ]);
    for (const answer of again) expect(answer).toEqual(first);
    await expect(processor.retrieve(first.reference!)).resolves.toEqual(first);
  });

  it('refunds part and then the rest of a charge once per refund key, and never more than it took', async () => {
    const { processor, customer, method } = h();
    const id = await customer();
    const charged = await processor.charge(request(randomUUID(), await method(id, 'approve'), id));
    const reference = charged.reference!;
    const first = randomUUID();
    const part = await processor.refund({ reference, amountCents: 400, refundKey: first });
    await expect(processor.refund({ reference, amountCents: 400, refundKey: first })).resolves.toEqual(part);
    await expect(processor.refund({ reference, amountCents: 700, refundKey: randomUUID() })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    await expect(processor.refund({ reference, amountCents: 607, refundKey: randomUUID() })).resolves.toMatchObject({
      reference: expect.any(String),
    });
  });

  it('answers a decline as a failed charge with a message for the customer', async () => {
    const { processor, customer, method } = h();
    const id = await customer();
    const answer = await processor.charge(request(randomUUID(), await method(id, 'decline'), id));
    expect(answer).toMatchObject({
      status: 'failed',
      code: expect.stringMatching(/declined/),
      message: expect.stringMatching(/declined.*Nothing was charged/),
    });
  });

  it('asks for the bank step, and cancels a charge whose step was abandoned', async () => {
    const { processor, customer, method } = h();
    const id = await customer();
    const answer = await processor.charge(request(randomUUID(), await method(id, 'action'), id));
    expect(answer).toMatchObject({ status: 'requires_action', actionUrl: expect.any(String) });
    await expect(processor.cancel(answer.reference!)).resolves.toMatchObject({
      status: 'failed',
      reference: answer.reference,
    });
  });

  it('keeps a bank debit processing until it settles, and reports it returned after', async () => {
    const { processor, customer, method, settle, returnDebit } = h();
    const id = await customer();
    const answer = await processor.charge(request(randomUUID(), await method(id, 'bank'), id, 'US_BANK_ACCOUNT'));
    expect(answer).toMatchObject({ status: 'processing' });
    await expect(processor.retrieve(answer.reference!)).resolves.toMatchObject({ status: 'processing' });
    await settle(answer.reference!);
    await expect(processor.retrieve(answer.reference!)).resolves.toEqual({
      status: 'succeeded',
      reference: answer.reference,
    });
    await returnDebit(answer.reference!);
    await expect(processor.retrieve(answer.reference!)).resolves.toMatchObject({
      status: 'returned',
      reference: answer.reference,
    });
  });
});

describe('the Stripe adapter', () => {
  it('sends each charge with the payment id as its idempotency key, and does not take a method from another customer', async () => {
    const processor = stripeProcessor(fake.client());
    const mine = await processor.ensureCustomer({ id: randomUUID(), name: 'Mine', existing: null });
    const theirs = await processor.ensureCustomer({ id: randomUUID(), name: 'Theirs', existing: null });
    const paymentId = randomUUID();
    const token = fake.addCard(mine);
    await processor.charge({
      paymentId,
      amountCents: 500,
      currency: 'USD',
      method: { token, type: 'CARD' },
      processorCustomerId: mine,
      returnUrl: 'http://localhost:3000/payments/x',
      description: 'test',
    });
    expect(
      fake.calls.filter((c) => c.path === '/v1/payment_intents' && c.idempotencyKey === `payment-${paymentId}`),
    ).toHaveLength(1);
    await expect(processor.describeMethod(token, theirs)).rejects.toMatchObject({ code: 'resource_missing' });
  });

  it('a processor that does not answer times out in the SDK', async () => {
    fake.behaviour.hang = true;
    try {
      await expect(stripeProcessor(fake.client({ timeout: 300 })).retrieve('pi_none')).rejects.toBeInstanceOf(
        Stripe.errors.StripeConnectionError,
      );
    } finally {
      fake.behaviour.hang = false;
    }
  });
});

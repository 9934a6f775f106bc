// A whole payment with Stripe as the processor: the real `stripe` SDK against the local fake of
// Stripe's API, and webhook deliveries signed the way Stripe signs them.
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { stripeProcessor } from '@/lib/processor/stripe';
import { startFakeStripe, type FakeStripe } from '@/test/fakes/stripe-api';
import { ensureUtility, makeAccount, makeCustomer } from '@/test/factories';
import { codeFor } from '@/test/otp-helpers';
import { confirmPayment } from './confirm-payment';
import { chooseMethod, processorCustomerFor } from './methods';
import { sendPaymentCode } from './send-payment-code';
import { startPayment } from './start-payment';
import { receiveStripeWebhook } from './stripe-webhook';

const WEBHOOK_SECRET = 'whsec_test_fake_secret';
let fake: FakeStripe;
let client: Stripe;
let processor: ReturnType<typeof stripeProcessor>;

beforeAll(async () => {
  fake = await startFakeStripe();
  client = fake.client({ maxNetworkRetries: 2 });
  processor = stripeProcessor(client);
});
afterAll(() => fake.close());

const deliver = (payload: string, signature: string | null) =>
  receiveStripeWebhook(payload, signature, { processor, client, secret: WEBHOOK_SECRET });

/** A customer whose card or bank account was saved through the Payment Element, and a code sent for a payment with it. */
async function paymentWith(kind: 'card' | 'bank', amountCents: number) {
  await ensureUtility();
  const { account, bill } = await makeAccount({
    amountDueCents: 30_000,
    utilityId: (await db().utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id,
  });
  const customer = await makeCustomer();
  await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
  const stripeCustomer = await processorCustomerFor(customer.id, processor);
  const token = kind === 'card' ? fake.addCard(stripeCustomer) : fake.addBankAccount(stripeCustomer);
  const methodId = await chooseMethod(customer.id, { kind: 'token', token, save: true }, processor);
  const { paymentId } = await startPayment({
    customerId: customer.id,
    billId: bill.id,
    amountCents,
    methodId,
    idempotencyKey: randomUUID(),
    clientIp: null,
  });
  const { challengeId } = await sendPaymentCode({ customerId: customer.id, paymentId, clientIp: null });
  return { customer, bill, paymentId, stripeCustomer, code: await codeFor(challengeId) };
}

describe('paying with Stripe', () => {
  it('a saved card: one PaymentIntent, confirmed on the server, keyed by the payment id', async () => {
    const { customer, bill, paymentId, stripeCustomer, code } = await paymentWith('card', 1_007);
    const method = await db().paymentMethod.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(method).toMatchObject({ processor: 'stripe', brand: 'Visa', last4: '4242', saved: true, isDefault: true });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).processorCustomerId).toBe(
      stripeCustomer,
    );
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, processor),
    ).resolves.toEqual({ outcome: 'completed', paymentId });
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
    const intent = fake.intents.get(payment.processorReference!)!;
    expect(intent).toMatchObject({ amount: 1_007, currency: 'usd', customer: stripeCustomer, metadata: { paymentId } });
    expect(fake.calls.filter((c) => c.idempotencyKey === `payment-${paymentId}`)).toHaveLength(1);
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(1_007);
  });

  it('a bank debit: processing until the signed webhook says it settled; duplicates, forgeries and other events change nothing', async () => {
    const { customer, bill, paymentId, code } = await paymentWith('bank', 2_000);
    await expect(
      confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, processor),
    ).resolves.toEqual({ outcome: 'processing', paymentId });
    const reference = (await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).processorReference!;

    fake.settle(reference);
    const settled = fake.webhook('payment_intent.succeeded', reference, WEBHOOK_SECRET);
    // Forged: signed with another secret, or the body changed after signing.
    const forged = fake.webhook('payment_intent.succeeded', reference, 'whsec_someone_else');
    await expect(deliver(forged.payload, forged.signature)).resolves.toBe('forbidden');
    await expect(deliver(settled.payload.replace('2000', '1'), settled.signature)).resolves.toBe('forbidden');
    await expect(deliver(settled.payload, null)).resolves.toBe('forbidden');
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('PROCESSING');

    await expect(deliver(settled.payload, settled.signature)).resolves.toBe('applied');
    await expect(deliver(settled.payload, settled.signature)).resolves.toBe('duplicate');
    // A late "processing" event after it settled: the PaymentIntent says succeeded; nothing moves.
    const late = fake.webhook('payment_intent.processing', reference, WEBHOOK_SECRET);
    await expect(deliver(late.payload, late.signature)).resolves.toBe('applied');
    const other = fake.webhook('payment_intent.created', reference, WEBHOOK_SECRET);
    await expect(deliver(other.payload, other.signature)).resolves.toBe('ignored');
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('COMPLETED');
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } })).toBe(1);

    // The bank takes it back: an ACH return arrives as a dispute on the charge.
    fake.dispute(reference);
    const dispute = fake.webhook('charge.dispute.created', reference, WEBHOOK_SECRET);
    await expect(deliver(dispute.payload, dispute.signature)).resolves.toBe('applied');
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('RETURNED');
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(0);
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'PAYMENT_RETURNED' } })).toBe(1);
    expect(await db().processorEvent.count({ where: { paymentId } })).toBe(3);
  });

  it('an event that outruns the answer to our own request finds the payment by its metadata', async () => {
    const { customer, paymentId, code } = await paymentWith('card', 1_500);
    // The charge is made, but its answer is lost (the process died): the webhook arrives first.
    const dying = {
      ...processor,
      charge: async (...args: Parameters<typeof processor.charge>) => {
        await processor.charge(...args);
        throw new Error('SIGKILL');
      },
    };
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null }, dying);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).processorReference).toBeNull();
    const intent = [...fake.intents.values()].find(
      (i) => (i.metadata as { paymentId?: string }).paymentId === paymentId,
    )!;
    const event = fake.webhook('payment_intent.succeeded', intent.id as string, WEBHOOK_SECRET);
    await expect(deliver(event.payload, event.signature)).resolves.toBe('applied');
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({ status: 'COMPLETED', processorReference: intent.id });
    expect(
      [...fake.intents.values()].filter((i) => (i.metadata as { paymentId?: string }).paymentId === paymentId),
    ).toHaveLength(1);
  });
});

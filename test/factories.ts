import { randomUUID } from 'node:crypto';
import { db, isUniqueViolation } from '@/lib/db';
import { DEMO } from '@/lib/db/demo-data';

let counter = 0;

/** A valid US number drawn at random from 8 million (test files share one database; see makeCustomer). */
export function uniquePhone(): string {
  counter += 1;
  const n = process.pid * 7919 + counter * 104729 + Math.floor(Math.random() * 1e9);
  // A real-looking exchange (200-999): numbers with an exchange starting 0 or 1 are not valid.
  const exchange = 200 + (n % 800);
  const line = Math.floor(n / 800) % 10_000;
  return `+1201${exchange}${String(line).padStart(4, '0')}`;
}

export function uniqueIp(): string {
  const n = Math.floor(Math.random() * 2 ** 24);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * Makes sure a utility exists (code that reads "the" utility takes the first one created): the demo
 * utility when the database has none.
 */
export async function ensureUtility(): Promise<void> {
  if ((await db().utility.count()) > 0) return;
  // ON CONFLICT DO NOTHING: test files running side by side on a fresh database may both get here.
  await db().utility.createMany({ data: [{ ...DEMO.utility }], skipDuplicates: true });
}

export async function makeUtility(options: { timeZone?: string } = {}) {
  return db().utility.create({
    data: {
      slug: `test-${randomUUID()}`,
      name: 'Lakeside Gas & Electric',
      shortName: 'Lakeside G&E',
      supportPhone: '+12015550199',
      timeZone: options.timeZone ?? 'America/Chicago',
      currency: 'USD',
    },
  });
}

export async function makeAccount(
  options: {
    utilityId?: string;
    amountDueCents?: number;
    amountPaidCents?: number;
    postalCode?: string;
    holderName?: string;
    phoneOnFileE164?: string;
  } = {},
) {
  const utilityId = options.utilityId ?? (await makeUtility()).id;
  const account = await db().serviceAccount.create({
    data: {
      utilityId,
      accountNumber: String(Math.floor(Math.random() * 9e9) + 1e9),
      holderName: options.holderName ?? 'Jordan Okafor',
      serviceAddress: '12 Willow Ln, Springfield',
      postalCode: options.postalCode ?? '62704',
      phoneOnFileE164: options.phoneOnFileE164 ?? null,
    },
  });
  const amountDueCents = options.amountDueCents ?? 12_345;
  const amountPaidCents = options.amountPaidCents ?? 0;
  const bill = await db().bill.create({
    data: {
      accountId: account.id,
      statementDate: new Date('2026-11-01'),
      periodStart: new Date('2026-10-01'),
      periodEnd: new Date('2026-10-31'),
      dueDate: new Date('2026-12-01'),
      amountDueCents,
      amountPaidCents,
    },
  });
  return { utilityId, account, bill };
}

export async function makeCustomer(phoneE164?: string, name = 'Test Customer') {
  // uniquePhone draws from 8 million numbers, so two of the few hundred customers a run makes can
  // draw the same one (a CI run failed so): a drawn number already registered is drawn again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().customer.create({
        data: { name, phoneE164: phoneE164 ?? uniquePhone(), phoneVerifiedAt: new Date(), registeredAt: new Date() },
      });
    } catch (error) {
      if (phoneE164 !== undefined || !isUniqueViolation(error) || attempt === 5) throw error;
    }
  }
}

/** A customer holding one account with one open bill, and a payment in CREATED for part of it, by sandbox Visa 4242. */
export async function makePayment(options: { amountCents?: number; amountDueCents?: number } = {}) {
  const { utilityId, account, bill } = await makeAccount({ amountDueCents: options.amountDueCents });
  const customer = await makeCustomer();
  await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
  const payment = await db().payment.create({
    data: {
      confirmationNumber: randomUUID().slice(0, 10).toUpperCase(),
      utilityId,
      accountId: account.id,
      billId: bill.id,
      customerId: customer.id,
      amountCents: options.amountCents ?? 5_000,
      currency: 'USD',
      methodId: await makeMethod(customer.id),
      idempotencyKey: randomUUID(),
    },
  });
  return { utilityId, account, bill, customer, payment };
}

/** A future expiry for test cards, MM/YY. */
export const TEST_CARD_EXPIRY = `12/${String(new Date().getUTCFullYear() + 3).slice(-2)}`;

/**
 * A card (or bank account) of the customer's, tokenised by the sandbox from one of its published
 * test numbers: 4242... approves, 4000000000009995 is declined for insufficient funds, and so on
 * (lib/processor/sandbox.ts).
 */
export async function makeMethod(customerId: string, number = '4242424242424242', save = false): Promise<string> {
  const { chooseMethod } = await import('@/lib/payments/methods');
  const { sandboxProcessor } = await import('@/lib/processor/sandbox');
  const bank = number.length === 12;
  return chooseMethod(
    customerId,
    bank
      ? { kind: 'bank', routingNumber: '110000000', accountNumber: number, save }
      : { kind: 'card', number, expiry: TEST_CARD_EXPIRY, cvc: '123', save },
    sandboxProcessor,
  );
}

import 'server-only';
import { translate } from '@/lib/i18n/translate';
import { createHash, randomBytes } from 'node:crypto';
import { db, statement, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import type { PaymentMethodType } from '@/generated/prisma/enums';
import { ProcessorError, type ChargeState, type MethodDetails, type PaymentProcessor } from './types';

/**
 * The sandbox: the default processor (no keys, works offline), with a real processor's lifecycle.
 * It accepts only these published test numbers (Stripe's own, so the habits carry over), keeps its
 * charges in its own ledger (SandboxCharge), settles bank debits later through the job queue and
 * tells the app what happened with events, as a real processor's webhooks would. It keeps only a
 * token, the brand and the last four digits; the numbers themselves are never stored.
 */
type Behaviour = 'approve' | 'decline' | 'insufficient' | 'action' | 'settle' | 'return' | 'fail_later';

type TestMethod = { type: PaymentMethodType; brand: string; behaviour: Behaviour; says: string };

export const SANDBOX_TEST_CARDS: Record<string, TestMethod> = {
  '4242424242424242': { type: 'CARD', brand: 'Visa', behaviour: 'approve', says: 'approves' },
  '5555555555554444': { type: 'CARD', brand: 'Mastercard', behaviour: 'approve', says: 'approves' },
  '4000000000000002': { type: 'CARD', brand: 'Visa', behaviour: 'decline', says: 'is declined' },
  '4000000000009995': {
    type: 'CARD',
    brand: 'Visa',
    behaviour: 'insufficient',
    says: 'is declined for insufficient funds',
  },
  '4000002760003184': {
    type: 'CARD',
    brand: 'Visa',
    behaviour: 'action',
    says: 'asks for an extra step at the bank (3-D Secure)',
  },
};

/** The routing number every sandbox bank account uses (Stripe's test routing number). */
export const SANDBOX_ROUTING_NUMBER = '110000000';

export const SANDBOX_TEST_ACCOUNTS: Record<string, TestMethod> = {
  '000123456789': { type: 'US_BANK_ACCOUNT', brand: 'Sandbox Bank', behaviour: 'settle', says: 'settles' },
  '000111111116': {
    type: 'US_BANK_ACCOUNT',
    brand: 'Sandbox Bank',
    behaviour: 'fail_later',
    says: 'fails when it would settle (account closed)',
  },
  '000222222227': {
    type: 'US_BANK_ACCOUNT',
    brand: 'Sandbox Bank',
    behaviour: 'return',
    says: 'settles, then is returned by the bank (insufficient funds)',
  },
};

const BEHAVIOURS = new Set<Behaviour>([
  'approve',
  'decline',
  'insufficient',
  'action',
  'settle',
  'return',
  'fail_later',
]);

/** The sandbox's failures: the processor's code, and the message stored (in English; pages translate). */
export const SANDBOX_FAILURES: Record<string, { code: string; message: string }> = {
  decline: { code: 'card_declined', message: translate({ key: 'decline.card_declined' }) },
  insufficient: { code: 'insufficient_funds', message: translate({ key: 'decline.insufficient_funds' }) },
  fail_later: { code: 'account_closed', message: translate({ key: 'decline.account_closed' }) },
  return: { code: 'insufficient_funds', message: translate({ key: 'decline.returned' }) },
  canceled: { code: 'authentication_abandoned', message: translate({ key: 'decline.authentication_abandoned' }) },
  authentication_failed: {
    code: 'authentication_failed',
    message: translate({ key: 'decline.authentication_failed' }),
  },
};

const digits = (value: string) => value.replace(/[\s-]/g, '');

/**
 * The sandbox's token for a number: the same card or account typed again by the same customer is the
 * same token (as a processor's fingerprint would tell), and no two customers share one.
 */
function tokenFor(behaviour: Behaviour, number: string, month: number, year: number, owner: string): string {
  const digest = createHash('sha256').update(`${owner}|${number}|${month}|${year}`).digest('hex').slice(0, 12);
  return `pm_sandbox_${behaviour}_${number.slice(-4)}_${month}_${year}_${digest}`;
}

/** A test card, as the sandbox's form sends it: the number checked against the list, then a token. */
export function sandboxTokenizeCard(
  input: { number: string; expiry: string; cvc: string },
  owner: string,
): MethodDetails {
  const number = digits(input.number);
  const card = SANDBOX_TEST_CARDS[number];
  if (!/^\d{12,19}$/.test(number))
    throw new ProcessorError('invalid_number', { key: 'payErrors.cardNumber' }, 'cardNumber');
  if (!card) throw new ProcessorError('not_a_test_card', { key: 'payErrors.notTestCard' }, 'cardNumber');
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  const month = expiry ? Number(expiry[1]) : 0;
  const year = expiry ? Number(expiry[2]!.length === 2 ? `20${expiry[2]}` : expiry[2]) : 0;
  if (!expiry || month < 1 || month > 12)
    throw new ProcessorError('invalid_expiry', { key: 'payErrors.expiry' }, 'expiry');
  const now = new Date();
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1))
    throw new ProcessorError('expired_card', { key: 'payErrors.expiredCard' }, 'expiry');
  if (!/^\d{3}$/.test(input.cvc.trim())) throw new ProcessorError('invalid_cvc', { key: 'payErrors.cvc' }, 'cvc');
  return {
    token: tokenFor(card.behaviour, number, month, year, owner),
    type: 'CARD',
    brand: card.brand,
    last4: number.slice(-4),
    expMonth: month,
    expYear: year,
  };
}

/** A test bank account: the routing number and one of the test account numbers. */
export function sandboxTokenizeBankAccount(
  input: { routingNumber: string; accountNumber: string },
  owner: string,
): MethodDetails {
  const routing = digits(input.routingNumber);
  const number = digits(input.accountNumber);
  if (!/^\d{9}$/.test(routing))
    throw new ProcessorError('invalid_routing_number', { key: 'payErrors.routing' }, 'routingNumber');
  if (!/^\d{4,17}$/.test(number))
    throw new ProcessorError('invalid_account_number', { key: 'payErrors.accountNumber' }, 'accountNumber');
  const account = SANDBOX_TEST_ACCOUNTS[number];
  if (routing !== SANDBOX_ROUTING_NUMBER || !account)
    throw new ProcessorError(
      'not_a_test_account',
      { key: 'payErrors.notTestAccount', values: { routing: SANDBOX_ROUTING_NUMBER } },
      'accountNumber',
    );
  return {
    token: tokenFor(account.behaviour, number, 0, 0, owner),
    type: 'US_BANK_ACCOUNT',
    brand: account.brand,
    last4: number.slice(-4),
    expMonth: null,
    expYear: null,
  };
}

function parseToken(token: string): { behaviour: Behaviour; last4: string; month: number; year: number } {
  const match = /^pm_sandbox_([a-z_]+?)_(\d{4})_(\d{1,2})_(\d{1,4})_[0-9a-f]{12}$/.exec(token);
  if (!match || !BEHAVIOURS.has(match[1] as Behaviour))
    throw new ProcessorError('resource_missing', 'That payment method is unknown. Add it again.');
  return { behaviour: match[1] as Behaviour, last4: match[2]!, month: Number(match[3]), year: Number(match[4]) };
}

function behaviourOf(token: string): Behaviour {
  return parseToken(token).behaviour;
}

type SandboxRow = { id: string; status: string; failureCode: string | null; returned: boolean; methodToken: string };

function stateOf(row: SandboxRow): ChargeState {
  const failure = (key: string) => SANDBOX_FAILURES[key] ?? SANDBOX_FAILURES.decline!;
  switch (row.status) {
    case 'succeeded':
      return row.returned
        ? { status: 'returned', reference: row.id, ...failure('return') }
        : { status: 'succeeded', reference: row.id };
    case 'processing':
      return { status: 'processing', reference: row.id };
    case 'requires_action':
      return { status: 'requires_action', reference: row.id, actionUrl: sandboxActionUrl(row.id) };
    case 'canceled':
      return { status: 'failed', reference: row.id, ...failure('canceled') };
    default:
      return { status: 'failed', reference: row.id, ...failure(row.failureCode ?? 'decline') };
  }
}

/** The sandbox's stand-in for the bank's 3-D Secure page. */
export function sandboxActionUrl(reference: string): string {
  return `/sandbox/authenticate/${reference}`;
}

/** The job that settles (or fails, or returns) a sandbox bank debit when its time comes. */
export const SANDBOX_SETTLE_TASK = 'sandbox_settle';

/** An event as the sandbox reports it, shaped like the processor events the app applies. */
export type SandboxEvent = { id: string; type: string; reference: string; paymentId: string; occurredAt: Date };

function eventFor(row: { id: string; paymentId: string }, type: string): SandboxEvent {
  return {
    id: `evt_sandbox_${randomBytes(8).toString('hex')}`,
    type,
    reference: row.id,
    paymentId: row.paymentId,
    occurredAt: new Date(),
  };
}

/**
 * Moves a bank debit on when its settle job runs: processing -> succeeded (or failed); a debit set
 * to be returned is returned one settle period after it settled. Answers with the event to apply,
 * or null when there is nothing left to do (the job ran twice).
 */
export async function sandboxSettle(reference: string): Promise<SandboxEvent | null> {
  return transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<SandboxRow & { paymentId: string }>>`
      SELECT id, "paymentId", status, "failureCode", returned, "methodToken" FROM "SandboxCharge" WHERE id = ${reference} FOR UPDATE`;
    if (!row) return null;
    const behaviour = behaviourOf(row.methodToken);
    if (row.status === 'processing') {
      const failed = behaviour === 'fail_later';
      await tx.sandboxCharge.update({
        where: { id: reference },
        data: failed ? { status: 'failed', failureCode: 'fail_later' } : { status: 'succeeded' },
      });
      if (behaviour === 'return') await scheduleSettle(tx, reference);
      return eventFor(row, failed ? 'payment_intent.payment_failed' : 'payment_intent.succeeded');
    }
    if (row.status === 'succeeded' && behaviour === 'return' && !row.returned) {
      await tx.sandboxCharge.update({ where: { id: reference }, data: { returned: true } });
      return eventFor(row, 'charge.dispute.created');
    }
    return null;
  });
}

/** The customer's answer on the sandbox's extra-step page. */
export async function sandboxCompleteAction(reference: string, approve: boolean): Promise<SandboxEvent | null> {
  const row = await db().sandboxCharge.findUnique({ where: { id: reference } });
  if (!row) return null;
  const moved = await db().sandboxCharge.updateMany({
    where: { id: reference, status: 'requires_action' },
    data: approve ? { status: 'succeeded' } : { status: 'failed', failureCode: 'authentication_failed' },
  });
  if (moved.count !== 1) return null;
  return eventFor(row, approve ? 'payment_intent.succeeded' : 'payment_intent.payment_failed');
}

/** The settle job of a bank debit: its task, when it runs, how often it is tried. */
function settleJob() {
  return { task: SANDBOX_SETTLE_TASK, afterSeconds: env().SANDBOX_ACH_SETTLE_SECONDS, maxAttempts: 10 };
}

async function scheduleSettle(tx: Tx, reference: string): Promise<void> {
  const { task, afterSeconds, maxAttempts } = settleJob();
  await tx.$executeRaw`SELECT graphile_worker.add_job(${task}::text, json_build_object('reference', ${reference}::text), run_at := now() + make_interval(secs => ${afterSeconds}::int), max_attempts := ${maxAttempts}::int)`;
}

/** The charge's status when the sandbox is asked to charge a method of each behaviour. */
const SANDBOX_STATUS: Record<Behaviour, string> = {
  approve: 'succeeded',
  decline: 'failed',
  insufficient: 'failed',
  action: 'requires_action',
  settle: 'processing',
  return: 'processing',
  fail_later: 'processing',
};

export const sandboxProcessor: PaymentProcessor = {
  name: 'sandbox',

  async ensureCustomer(customer) {
    return customer.existing ?? `cus_sandbox_${customer.id.replaceAll('-', '')}`;
  },

  async describeMethod(token) {
    const { behaviour, last4, month, year } = parseToken(token);
    const known = [...Object.values(SANDBOX_TEST_CARDS), ...Object.values(SANDBOX_TEST_ACCOUNTS)].find(
      (m) => m.behaviour === behaviour,
    )!;
    return {
      token,
      type: known.type,
      brand: known.brand,
      last4,
      expMonth: month || null,
      expYear: year || null,
    };
  },

  async detachMethod(token) {
    parseToken(token);
  },

  async charge(request) {
    const behaviour = behaviourOf(request.method.token);
    const status = SANDBOX_STATUS[behaviour];
    // One statement (utilitypay_sandbox_charge, migration 20261129150000): the charge, or the first
    // one when the payment was charged before (the idempotency key), with a bank debit's settle job.
    const [row] = await statement<SandboxRow>(
      undefined,
      'utilitypay_sandbox_charge',
      'SELECT * FROM utilitypay_sandbox_charge($1::jsonb)',
      JSON.stringify({
        id: `pi_sandbox_${randomBytes(12).toString('hex')}`,
        paymentId: request.paymentId,
        amountCents: request.amountCents,
        currency: request.currency,
        methodToken: request.method.token,
        status,
        failureCode: status === 'failed' ? behaviour : null,
        settle: status === 'processing' ? settleJob() : null,
      }),
    );
    return stateOf(row!);
  },

  async retrieve(reference) {
    const row = await db().sandboxCharge.findUnique({ where: { id: reference } });
    if (!row) throw new ProcessorError('resource_missing', `No such charge: ${reference}`);
    return stateOf(row);
  },

  async refund({ reference, amountCents, refundKey }) {
    return transaction(async (tx) => {
      const existing = await tx.sandboxRefund.findUnique({ where: { refundKey } });
      if (existing) return { reference: existing.id };
      const [charge] = await tx.$queryRaw<Array<{ status: string; amountCents: number; returned: boolean }>>`
        SELECT status, "amountCents", returned FROM "SandboxCharge" WHERE id = ${reference} FOR UPDATE`;
      if (!charge || charge.status !== 'succeeded' || charge.returned)
        throw new ProcessorError('charge_not_refundable', 'This payment cannot be refunded: it did not go through.');
      const refunded = await tx.sandboxRefund.aggregate({
        where: { chargeId: reference },
        _sum: { amountCents: true },
      });
      if ((refunded._sum.amountCents ?? 0) + amountCents > charge.amountCents)
        throw new ProcessorError('amount_too_large', 'That is more than is left to refund on this payment.');
      const row = await tx.sandboxRefund.create({
        data: { id: `re_sandbox_${randomBytes(12).toString('hex')}`, refundKey, chargeId: reference, amountCents },
      });
      return { reference: row.id };
    });
  },

  async cancel(reference) {
    await db().sandboxCharge.updateMany({
      where: { id: reference, status: 'requires_action' },
      data: { status: 'canceled' },
    });
    return this.retrieve(reference);
  },
};

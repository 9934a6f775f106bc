import 'server-only';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { statement } from '@/lib/db';
import { BusyError, transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { NotFoundError } from '@/lib/errors';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { requireCustomerBill } from '@/lib/bills/list-customer-accounts';
import { requireUtility } from '@/lib/utility';
import { newConfirmationNumber } from './confirmation-number';
import { PaymentError } from './errors';
import { isOpen, statusesBefore } from './states';
import type { PaymentMethodType } from '@/generated/prisma/enums';
import { feeFor, type FeeSchedule } from './fees';

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

export const MIN_PAYMENT_CENTS = 100;

export type StartPaymentOptions = {
  customerId: string;
  billId: string;
  amountCents: number;
  /** The customer's card or bank account (lib/payments/methods.ts chooseMethod). */
  methodId: string;
  idempotencyKey: string;
  clientIp: string | null;
  /** A one-time payer: the account whose bill facts they proved (instead of one they hold). */
  guestAccountId?: string;
};
export type StartedPayment = { paymentId: string; status: string };

/**
 * Starts a payment of part or all of a bill's balance. The payment form carries an idempotency key:
 * submitting it again (double click, refresh, back) returns the same payment. While it is open, a
 * resubmission with another amount or method changes the payment, which kills any code already sent
 * for the old one (the code is bound to both). The payment is read and changed under its row lock,
 * so a confirmation that completes it meanwhile is seen: a payment that is no longer open is
 * returned as it is, never changed (and the database refuses to change a final one anyway).
 */
export async function startPayment(options: StartPaymentOptions): Promise<StartedPayment> {
  const { customerId, amountCents, methodId, idempotencyKey, clientIp } = options;
  const bill = await requireCustomerBill(customerId, options.billId, clientIp, options.guestAccountId);
  const utility = await requireUtility();
  /** What is wrong with the amount for this bill, if anything. */
  const amountProblem = (): PaymentError | null => {
    if (amountCents < MIN_PAYMENT_CENTS) {
      return new PaymentError(
        'amount_too_small',
        {
          key: 'payErrors.amountTooSmall',
          values: { amount: (locale) => formatMoney(MIN_PAYMENT_CENTS, utility.currency, locale) },
        },
        'amount',
      );
    }
    if (amountCents > bill.balanceCents) {
      return new PaymentError(
        'amount_too_large',
        bill.balanceCents === 0
          ? { key: 'payErrors.paidInFull' }
          : {
              key: 'payErrors.atMostBalance',
              values: { amount: (locale) => formatMoney(bill.balanceCents, utility.currency, locale) },
            },
        'amount',
      );
    }
    return null;
  };

  // The method's type beside the fees the account's utility charges for it, in one read.
  const [method] = await statement<FeeSchedule & { type: PaymentMethodType | null }>(
    undefined,
    'utilitypay_method_and_fees',
    `SELECT m.type::text AS type, u."cardFeeFlatCents", u."cardFeeBps", u."bankFeeFlatCents", u."bankFeeBps"
       FROM "ServiceAccount" a JOIN "Utility" u ON u.id = a."utilityId"
       LEFT JOIN "PaymentMethod" m ON m.id = $1::uuid AND m."customerId" = $2::uuid AND m."removedAt" IS NULL
      WHERE a.id = $3::uuid`,
    methodId,
    customerId,
    bill.accountId,
  );
  if (!method?.type) throw new PaymentError('method_gone', { key: 'payErrors.methodUnavailable' }, 'method');
  // The convenience fee, if the account's utility charges one for this kind of method: on top of the amount.
  const feeCents = feeFor(method, method.type, amountCents);

  const now = clock.now();
  /** The form submitted before: its payment as it stands, changed if the amount or method changed. */
  const resubmission = () =>
    transaction(async (tx) => {
      const [existing] = await tx.$queryRaw<
        Array<{
          id: string;
          customerId: string;
          status: string;
          amountCents: number;
          billId: string;
          methodId: string | null;
        }>
      >`
      SELECT id, "customerId", status::text AS status, "amountCents", "billId", "methodId" FROM "Payment" WHERE "idempotencyKey" = ${idempotencyKey} FOR UPDATE`;
      if (!existing) return null;
      if (existing.customerId !== customerId) throw new NotFoundError('That payment');
      const sameAmount = existing.amountCents === amountCents && existing.billId === bill.id;
      if (!isOpen(existing.status) || (sameAmount && existing.methodId === methodId))
        return { paymentId: existing.id, status: existing.status };
      const problem = amountProblem();
      if (problem) throw problem;
      // Same form, new amount or method, before the code was used: change it; the old code dies with it.
      const changed = await tx.payment.updateMany({
        where: { id: existing.id, status: { in: statusesBefore('CREATED') } },
        data: { amountCents, feeCents, billId: bill.id, accountId: bill.accountId, methodId, status: 'CREATED' },
      });
      if (changed.count !== 1) return { paymentId: existing.id, status: existing.status };
      await tx.otpChallenge.updateMany({
        where: { paymentId: existing.id, status: 'PENDING' },
        data: { status: 'INVALIDATED' },
      });
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: customerId,
          subjectType: 'payment',
          subjectId: existing.id,
          clientIp,
          at: now,
          ...(sameAmount
            ? { action: 'payment.method_changed', details: {} }
            : {
                action: 'payment.amount_changed',
                details: { from: centsToDecimalString(existing.amountCents), to: centsToDecimalString(amountCents) },
              }),
        },
        tx,
      );
      return { paymentId: existing.id, status: 'CREATED' };
    });

  // An amount this bill cannot take may still be a form submitted before (the payment that paid it):
  // that payment answers; otherwise the problem does.
  const problem = amountProblem();
  if (problem) {
    const earlier = await resubmission();
    if (earlier) return earlier;
    throw problem;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const paymentId = randomUUID();
    try {
      // The payment and its audit entry in one statement, unless the form's key has a payment already
      // (utilitypay_payment_create, migration 20261129150000).
      const [created] = await statement<{ made: boolean }>(
        undefined,
        'utilitypay_payment_create',
        'SELECT utilitypay_payment_create($1::jsonb) AS made',
        JSON.stringify({
          id: paymentId,
          confirmationNumber: newConfirmationNumber(),
          utilityId: utility.id,
          accountId: bill.accountId,
          billId: bill.id,
          customerId,
          amountCents,
          feeCents,
          currency: utility.currency,
          methodId,
          idempotencyKey,
          clientIp,
          amount: centsToDecimalString(amountCents),
          now,
        }),
      );
      if (created?.made) return { paymentId, status: 'CREATED' };
      // The form was submitted before (a double click, a refresh, back): its payment answers.
      const earlier = await resubmission();
      if (earlier) return earlier;
    } catch (error) {
      // The confirmation number collided: draw another.
      if (!(error instanceof pg.DatabaseError) || error.code !== UNIQUE_VIOLATION) throw error;
    }
  }
  throw new BusyError();
}

import 'server-only';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { db, statement } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { NotFoundError } from '@/lib/errors';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { requireCustomerBill } from '@/lib/bills/list-customer-accounts';
import { requireUtility } from '@/lib/utility';
import { newConfirmationNumber } from './confirmation-number';
import { PaymentError } from './errors';
import { isOpen, statusesBefore } from './states';
import { FEE_SCHEDULE, feeFor } from './fees';

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
  const checkAmount = () => {
    if (amountCents < MIN_PAYMENT_CENTS) {
      throw new PaymentError(
        'amount_too_small',
        {
          key: 'payErrors.amountTooSmall',
          values: { amount: (locale) => formatMoney(MIN_PAYMENT_CENTS, utility.currency, locale) },
        },
        'amount',
      );
    }
    if (amountCents > bill.balanceCents) {
      throw new PaymentError(
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
  };

  const [method, account] = await Promise.all([
    db().paymentMethod.findFirst({ where: { id: methodId, customerId, removedAt: null }, select: { type: true } }),
    db().serviceAccount.findUniqueOrThrow({
      where: { id: bill.accountId },
      select: { utility: { select: FEE_SCHEDULE } },
    }),
  ]);
  if (!method) throw new PaymentError('method_gone', { key: 'payErrors.methodUnavailable' }, 'method');
  // The convenience fee, if the account's utility charges one for this kind of method: on top of the amount.
  const feeCents = feeFor(account.utility, method.type, amountCents);

  const now = clock.now();
  // Most submissions are new: a plain read first; the locked read and any change only for a form seen before.
  const seen = await db().payment.findUnique({ where: { idempotencyKey }, select: { id: true } });
  const resubmitted =
    seen &&
    (await transaction(async (tx) => {
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
      checkAmount();
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
    }));
  if (resubmitted) return resubmitted;
  checkAmount();

  for (let attempt = 0; ; attempt++) {
    const paymentId = randomUUID();
    try {
      // The payment and its audit entry in one statement (utilitypay_payment_create).
      await statement(
        undefined,
        'utilitypay_payment_create',
        'SELECT utilitypay_payment_create($1::jsonb)',
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
      return { paymentId, status: 'CREATED' };
    } catch (error) {
      if (!(error instanceof pg.DatabaseError) || error.code !== UNIQUE_VIOLATION || attempt > 3) throw error;
      // A concurrent submit of the same form won the race: answer with its payment.
      const raced = await db().payment.findUnique({ where: { idempotencyKey } });
      if (raced) {
        if (raced.customerId !== customerId) throw new NotFoundError('That payment');
        return { paymentId: raced.id, status: raced.status };
      }
      // Otherwise the confirmation number collided: draw another.
    }
  }
}

import 'server-only';
import { translate } from '@/lib/i18n/translate';
import { db, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { centsToDecimalString } from '@/lib/money';
import { changeBillPaid } from '@/lib/bills/paid';
import { withTimeout } from '@/lib/processor/timeout';
import { paymentProcessor, type ChargeState, type PaymentProcessor } from '@/lib/processor';
import { queueSms } from '@/lib/sms/queue';
import { formatPhone } from '@/lib/phone';
import { smsTemplatesFor } from '@/lib/sms/templates';
import type { PaymentStatus } from '@/generated/prisma/enums';
import { awaitsBankStep, isCompleted, isInFlight, reservesBill, statusesBefore } from './states';

/** Asks the processor again about a payment it has not answered for; queued in phase 1. */
export const RECONCILE_PAYMENT_TASK = 'reconcile_payment';

/** What the customer's browser does next once the code was right. */
export type ChargeOutcome =
  | { outcome: 'completed' | 'declined' | 'processing'; paymentId: string }
  | { outcome: 'requires_action'; paymentId: string; actionUrl: string };

/**
 * Phase 1 of a payment, inside the transaction that consumes its code: the bill's row is locked,
 * its balance re-checked, the amount reserved against it (counted in its paid amount, so a second
 * payment cannot overpay it) and the payment moved to PROCESSING. A reconciliation job is queued in
 * the same transaction: if this process dies before the processor's answer is applied, the job asks
 * the processor (by the payment's idempotency key) and applies it. Nothing here talks to the
 * processor, so no lock is held across a network call. Answers 'declined' when the bill was paid
 * meanwhile (nothing reserved, nothing charged).
 */
export async function reserveForCharge(
  tx: Tx,
  paymentId: string,
  clientIp: string | null,
): Promise<'reserved' | 'declined'> {
  const now = clock.now();
  const [row] = await tx.$queryRaw<
    Array<{ customerId: string; amountCents: number; billId: string; amountDueCents: number; amountPaidCents: number }>
  >`
    SELECT p."customerId", p."amountCents", p."billId", b."amountDueCents", b."amountPaidCents"
      FROM "Payment" p JOIN "Bill" b ON b.id = p."billId"
     WHERE p.id = ${paymentId}::uuid FOR UPDATE OF b`;
  if (!row) throw new Error(`Payment ${paymentId} vanished during confirmation`);
  if (row.amountCents > row.amountDueCents - row.amountPaidCents) {
    await moveTo(tx, paymentId, 'FAILED', {
      failureCode: 'exceeds_balance',
      failureMessage: translate({ key: 'decline.exceeds_balance' }),
      failedAt: now,
    });
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: row.customerId,
        action: 'payment.failed',
        subjectType: 'payment',
        subjectId: paymentId,
        clientIp,
        details: { reason: 'exceeds_balance' },
        at: now,
      },
      tx,
    );
    return 'declined';
  }
  await moveTo(tx, paymentId, 'PROCESSING', { processingAt: now });
  await changeBillPaid(tx, row.billId, row.amountCents);
  const seconds = Math.ceil(env().PROCESSOR_TIMEOUT_MS / 1000) + 30;
  await tx.$executeRaw`SELECT graphile_worker.add_job(${RECONCILE_PAYMENT_TASK}::text, json_build_object('paymentId', ${paymentId}::text), job_key := ${`reconcile:${paymentId}`}::text, run_at := now() + make_interval(secs => ${seconds}::int), max_attempts := 25)`;
  await audit(
    {
      actorType: 'CUSTOMER',
      actorId: row.customerId,
      action: 'payment.authorized',
      subjectType: 'payment',
      subjectId: paymentId,
      clientIp,
      details: { amount: centsToDecimalString(row.amountCents) },
      at: now,
    },
    tx,
  );
  return 'reserved';
}

/**
 * Phase 2 and 3: asks the processor to charge (outside any transaction or lock, bounded by
 * PROCESSOR_TIMEOUT_MS), then applies its answer in a second short transaction. The processor
 * charges a payment at most once (its id is the idempotency key), so this may run again for the same
 * payment (reconciliation, a retried job) without charging twice. A processor that fails or does
 * not answer in time leaves the payment PROCESSING for reconciliation.
 */
export async function chargePayment(
  paymentId: string,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<ChargeOutcome> {
  const payment = await db().payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      id: true,
      status: true,
      amountCents: true,
      feeCents: true,
      currency: true,
      confirmationNumber: true,
      method: { select: { token: true, type: true } },
      customer: { select: { processorCustomerId: true } },
      utility: { select: { shortName: true } },
    },
  });
  if (!isInFlight(payment.status) || !payment.method) return outcomeFor(payment.status, paymentId, null);
  let state: ChargeState;
  try {
    state = await withTimeout(
      processor.charge({
        paymentId,
        // The bill is credited with amountCents; the fee comes on top.
        amountCents: payment.amountCents + payment.feeCents,
        currency: payment.currency,
        method: payment.method,
        processorCustomerId: payment.customer.processorCustomerId,
        returnUrl: new URL(`/payments/${paymentId}`, env().PUBLIC_ORIGIN).toString(),
        description: `${payment.utility.shortName} bill payment ${payment.confirmationNumber}`,
      }),
      env().PROCESSOR_TIMEOUT_MS,
    );
  } catch (error) {
    await audit({
      actorType: 'SYSTEM',
      action: 'payment.processor_unreachable',
      subjectType: 'payment',
      subjectId: paymentId,
      details: { error: error instanceof Error ? error.message.slice(0, 200) : String(error) },
    });
    return { outcome: 'processing', paymentId };
  }
  return applyChargeState(paymentId, state);
}

/**
 * Applies what the processor says about a payment, under the payment's and the bill's row locks:
 * succeeded -> COMPLETED (confirmation text); requires_action -> REQUIRES_ACTION; failed -> FAILED
 * (the reservation released); returned -> RETURNED (the bill owes it again; the customer is texted).
 * Only moves the state machine allows are made, so answers that arrive twice or out of order
 * (a webhook after the confirm step applied the same answer, `processing` after `succeeded`)
 * change nothing.
 */
export async function applyChargeState(paymentId: string, state: ChargeState): Promise<ChargeOutcome> {
  return transaction(async (tx) => {
    const now = clock.now();
    const [payment] = await tx.$queryRaw<
      Array<{
        status: PaymentStatus;
        customerId: string;
        amountCents: number;
        refundedCents: number;
        billId: string;
        confirmationNumber: string;
        processorReference: string | null;
      }>
    >`
      SELECT p.status, p."customerId", p."amountCents", p."refundedCents", p."billId",
             p."confirmationNumber", p."processorReference"
        FROM "Payment" p JOIN "Bill" b ON b.id = p."billId"
       WHERE p.id = ${paymentId}::uuid FOR UPDATE`;
    if (!payment) throw new Error(`No payment ${paymentId}`);
    const reference = state.reference ?? payment.processorReference;
    // Only a payment the processor has (in flight, or completed for a return) can change here.
    if (!reservesBill(payment.status)) return outcomeFor(payment.status, paymentId, null);
    const system = { actorType: 'SYSTEM' as const, subjectType: 'payment', subjectId: paymentId, at: now };

    switch (state.status) {
      case 'processing':
        if (isInFlight(payment.status))
          await moveTo(tx, paymentId, 'PROCESSING', { processorReference: reference, nextActionUrl: null });
        break;
      case 'requires_action':
        if (
          await moveTo(tx, paymentId, 'REQUIRES_ACTION', {
            processorReference: reference,
            nextActionUrl: state.actionUrl,
          })
        )
          await audit({ ...system, action: 'payment.action_required', details: { reference } }, tx);
        break;
      case 'succeeded':
        if (
          await moveTo(tx, paymentId, 'COMPLETED', {
            processorReference: reference,
            nextActionUrl: null,
            completedAt: now,
          })
        ) {
          await audit({ ...system, action: 'payment.processed', details: { reference } }, tx);
          await audit(
            {
              ...system,
              actorType: 'CUSTOMER',
              actorId: payment.customerId,
              action: 'payment.completed',
              details: { amount: centsToDecimalString(payment.amountCents) },
            },
            tx,
          );
          await textCustomer(tx, paymentId, 'PAYMENT_CONFIRMATION', now);
        }
        break;
      case 'failed': {
        const moved = await moveTo(tx, paymentId, 'FAILED', {
          processorReference: reference,
          nextActionUrl: null,
          failureCode: state.code,
          failureMessage: state.message,
          failedAt: now,
        });
        if (moved) {
          await changeBillPaid(tx, payment.billId, -payment.amountCents);
          await audit({ ...system, action: 'payment.declined', details: { code: state.code, reference } }, tx);
          await textCustomer(tx, paymentId, 'PAYMENT_DECLINED', now);
        }
        break;
      }
      case 'returned':
        if (
          await moveTo(tx, paymentId, 'RETURNED', {
            failureCode: state.code,
            failureMessage: state.message,
            returnedAt: now,
          })
        ) {
          // What was refunded already left the bill then.
          await changeBillPaid(tx, payment.billId, -(payment.amountCents - payment.refundedCents));
          await audit({ ...system, action: 'payment.returned', details: { code: state.code, reference } }, tx);
          await textCustomer(tx, paymentId, 'PAYMENT_RETURNED', now);
        }
        break;
    }
    const [after] = await tx.$queryRaw<Array<{ status: PaymentStatus; nextActionUrl: string | null }>>`
      SELECT status, "nextActionUrl" FROM "Payment" WHERE id = ${paymentId}::uuid`;
    return outcomeFor(after!.status, paymentId, after!.nextActionUrl);
  });
}

/**
 * Brings a payment in flight up to date with the processor: one never sent (the process died
 * between the phases) is charged now, by the same idempotency key, so a charge that did reach the
 * processor is found rather than made again; one with a reference is looked up. One waiting too long
 * for its extra step is cancelled at the processor. Used by the reconciliation job, the sweep and
 * the processor's events.
 */
export async function syncPayment(
  paymentId: string,
  processor: PaymentProcessor = paymentProcessor(),
  options: { abandonActionBefore?: Date } = {},
): Promise<ChargeOutcome | null> {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { status: true, processorReference: true, processingAt: true },
  });
  if (!payment) return null;
  if (!payment.processorReference) {
    if (!isInFlight(payment.status)) return null;
    return chargePayment(paymentId, processor);
  }
  const abandoned =
    awaitsBankStep(payment.status) &&
    options.abandonActionBefore &&
    payment.processingAt &&
    payment.processingAt < options.abandonActionBefore;
  const state = abandoned
    ? await processor.cancel(payment.processorReference)
    : await processor.retrieve(payment.processorReference);
  return applyChargeState(paymentId, state);
}

/** The status-changing UPDATE: only from the states the machine allows. True when it moved. */
async function moveTo(tx: Tx, paymentId: string, to: PaymentStatus, data: Record<string, unknown>): Promise<boolean> {
  const moved = await tx.payment.updateMany({
    where: { id: paymentId, status: { in: statusesBefore(to) } },
    data: { ...data, status: to },
  });
  return moved.count === 1;
}

async function textCustomer(
  tx: Tx,
  paymentId: string,
  kind: 'PAYMENT_CONFIRMATION' | 'PAYMENT_RETURNED' | 'PAYMENT_DECLINED',
  now: Date,
): Promise<void> {
  const payment = await tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      amountCents: true,
      feeCents: true,
      confirmationNumber: true,
      customer: { select: { phoneE164: true, language: true } },
      account: { select: { accountNumber: true } },
      utility: { select: { shortName: true, currency: true, timeZone: true, supportPhone: true } },
    },
  });
  // In the customer's language, whoever sends it (the worker, a webhook).
  const smsTemplates = smsTemplatesFor(payment.customer.language);
  const common = {
    utility: payment.utility,
    amountCents: payment.amountCents,
    accountNumber: payment.account.accountNumber,
    confirmationNumber: payment.confirmationNumber,
  };
  await queueSms(tx, {
    kind,
    toE164: payment.customer.phoneE164,
    carriesCode: false,
    paymentId,
    text: {
      PAYMENT_CONFIRMATION: () => smsTemplates.paymentConfirmation({ ...common, completedAt: now }),
      PAYMENT_RETURNED: () =>
        smsTemplates.paymentReturned({ ...common, supportPhone: formatPhone(payment.utility.supportPhone) }),
      // What the customer approved and was not charged: the amount and any fee.
      PAYMENT_DECLINED: () =>
        smsTemplates.paymentDeclined({
          ...common,
          amountCents: payment.amountCents + payment.feeCents,
          supportPhone: formatPhone(payment.utility.supportPhone),
        }),
    }[kind](),
  });
}

/** Where a payment in `status` sends the customer. */
export function outcomeFor(status: string, paymentId: string, actionUrl: string | null): ChargeOutcome {
  if (awaitsBankStep(status) && actionUrl) return { outcome: 'requires_action', paymentId, actionUrl };
  if (reservesBill(status)) return { outcome: isCompleted(status) ? 'completed' : 'processing', paymentId };
  return { outcome: 'declined', paymentId };
}
